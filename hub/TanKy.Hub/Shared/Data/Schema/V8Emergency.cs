
namespace TanKy.Hub.Shared.Data.Schema;

/// <summary>
/// Emergency intake: the CAP alerts the hub has seen (and what it did with each) and the audit
/// of every emergency trigger, refused ones included. Independent of every other table, so it
/// can be applied in any order relative to the other feature branches' migrations.
/// </summary>
internal static class V8Emergency
{
    public const string Sql = """
        CREATE TABLE IF NOT EXISTS cap_alerts (
            id            INTEGER PRIMARY KEY,
            sender        TEXT NOT NULL,
            identifier    TEXT NOT NULL,
            sent          TEXT NOT NULL,          -- as written in the message (keeps its offset)
            sent_ms       INTEGER NOT NULL,
            status        TEXT NOT NULL,          -- Actual | Exercise | System | Test | Draft
            msg_type      TEXT NOT NULL,          -- Alert | Update | Cancel | Ack | Error
            refs          TEXT,                   -- the <references> element, verbatim
            expires_ms    INTEGER,
            received_at   INTEGER NOT NULL,
            source        TEXT NOT NULL,          -- http | folder
            submitted_by  TEXT NOT NULL,          -- user name, or the folder watcher
            action        TEXT NOT NULL,          -- broadcast | update | cancel | ignore | record-only | failed
            reason        TEXT NOT NULL,
            class         TEXT,                   -- normal | priority | emergency
            zones         TEXT,                   -- comma-separated zone ids
            broadcast_id  TEXT,                   -- what IEmergencyTrigger returned
            replaced_by   INTEGER REFERENCES cap_alerts(id),
            ended_at      INTEGER,                -- cancelled or replaced
            UNIQUE (sender, identifier)
        );
        CREATE INDEX IF NOT EXISTS cap_alerts_received_at ON cap_alerts(received_at);

        CREATE TABLE IF NOT EXISTS emergency_audit (
            id            INTEGER PRIMARY KEY,
            ts            INTEGER NOT NULL,
            actor         TEXT NOT NULL,          -- user name, gateway-button, cap:{sender}
            role          TEXT,
            channel       TEXT NOT NULL,          -- api | button | cap
            what          TEXT NOT NULL,
            zones         TEXT NOT NULL,
            remote        TEXT,                   -- IP address, gpio pin, folder
            outcome       TEXT NOT NULL CHECK (outcome IN ('allowed', 'refused')),
            reason        TEXT,
            broadcast_id  TEXT
        );
        CREATE INDEX IF NOT EXISTS emergency_audit_ts ON emergency_audit(ts);
        """;
}
