
namespace TanKy.Hub.Shared.Data.Schema;

/// <summary>
/// CAP sender authentication (issue #14): the registered senders with their credentials, and
/// <c>cap_alerts</c> rebuilt so that duplicates are keyed by (sender, identifier, actual): a
/// Test alert never blocks the Actual one with the same identifier. SQLite cannot change a
/// UNIQUE constraint in place, so the table is renamed, recreated and copied (ids kept, so
/// <c>replaced_by</c> still points at the right rows). Touches only the CAP tables.
/// </summary>
internal static class V12CapSenders
{
    public const string Sql = """
        CREATE TABLE IF NOT EXISTS cap_senders (
            sender        TEXT PRIMARY KEY,       -- the CAP <sender> value this credential speaks for
            token_hash    TEXT,                   -- $7$ PBKDF2 of the X-Cap-Token (never the token)
            public_key    TEXT,                   -- RSA SubjectPublicKeyInfo PEM, for enveloped XML signatures
            key_sha256    TEXT,                   -- hex SHA-256 of the key (shown by `cap senders list`)
            note          TEXT,
            created_at    INTEGER NOT NULL,
            CHECK (token_hash IS NOT NULL OR public_key IS NOT NULL)
        );

        ALTER TABLE cap_alerts RENAME TO cap_alerts_v8;
        DROP INDEX IF EXISTS cap_alerts_received_at;
        CREATE TABLE cap_alerts (
            id            INTEGER PRIMARY KEY,
            sender        TEXT NOT NULL,          -- the authenticated sender (= the message's <sender>)
            identifier    TEXT NOT NULL,
            sent          TEXT NOT NULL,
            sent_ms       INTEGER NOT NULL,
            status        TEXT NOT NULL,
            msg_type      TEXT NOT NULL,
            refs          TEXT,
            expires_ms    INTEGER,
            received_at   INTEGER NOT NULL,
            source        TEXT NOT NULL,
            submitted_by  TEXT NOT NULL,
            action        TEXT NOT NULL,
            reason        TEXT NOT NULL,
            class         TEXT,
            zones         TEXT,
            broadcast_id  TEXT,
            replaced_by   INTEGER REFERENCES cap_alerts(id),
            ended_at      INTEGER,
            actual        INTEGER NOT NULL,       -- 1: status Actual; 0: Test, Exercise, System, Draft
            auth          TEXT,                   -- how the sender was authenticated: signature | token | folder
            UNIQUE (sender, identifier, actual)
        );
        INSERT INTO cap_alerts(id, sender, identifier, sent, sent_ms, status, msg_type, refs, expires_ms, received_at, source,
                               submitted_by, action, reason, class, zones, broadcast_id, replaced_by, ended_at, actual)
            SELECT id, sender, identifier, sent, sent_ms, status, msg_type, refs, expires_ms, received_at, source,
                   submitted_by, action, reason, class, zones, broadcast_id, replaced_by, ended_at, status = 'Actual'
            FROM cap_alerts_v8;
        DROP TABLE cap_alerts_v8;
        CREATE INDEX cap_alerts_received_at ON cap_alerts(received_at);
        """;
}
