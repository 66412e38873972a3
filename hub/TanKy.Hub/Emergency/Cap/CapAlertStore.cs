using System.Text.Json;
using Dapper;
using TanKy.Hub.Shared.Data;
using TanKy.Protocol;

namespace TanKy.Hub.Emergency.Cap;

/// <summary>
/// Table <c>cap_alerts</c>: every message seen (the duplicate check), what was done, and which
/// broadcast each one started, so a later Update or Cancel finds what to stop.
/// </summary>
internal sealed class CapAlertStore(Database db, TimeProvider time)
{
    private const string Columns = "id, sender, identifier, sent, status, msg_type, refs, expires_ms, received_at, source, submitted_by, action, reason, class, zones, broadcast_id, ended_at, why";

    /// <summary>
    /// Seen = stored with any outcome except <c>failed</c> (a failed attempt may be retried), in the
    /// same lane: Actual messages are checked against Actual ones only, so a Test (or Exercise…)
    /// with an identifier never blocks the Actual alert that has it. <paramref name="sender"/> is
    /// the authenticated sender.
    /// </summary>
    public bool IsSeen(string sender, string identifier, bool actual)
    {
        using var c = db.Open();
        return c.ExecuteScalar<long>(
            "SELECT COUNT(*) FROM cap_alerts WHERE sender = @sender AND identifier = @identifier AND actual = @actual AND action <> 'failed'",
            new { sender, identifier, actual }) > 0;
    }

    public long Save(CapAlert alert, CapSubmission from, string action, string reason, CapDecision? decision, string? broadcastId, CapWhy? why = null)
    {
        using var c = db.Open();
        return c.ExecuteScalar<long>(
            """
            INSERT INTO cap_alerts(sender, identifier, sent, sent_ms, status, msg_type, refs, expires_ms, received_at, source, submitted_by, action, reason, class, zones, broadcast_id, actual, auth, why)
            VALUES (@Sender, @Identifier, @SentText, @sentMs, @status, @msgType, @ReferencesText, @expires, @now, @source, @by, @action, @reason, @cls, @zones, @broadcastId, @actual, @auth, @why)
            ON CONFLICT(sender, identifier, actual) DO UPDATE SET
                received_at = excluded.received_at, source = excluded.source, submitted_by = excluded.submitted_by, action = excluded.action,
                reason = excluded.reason, class = excluded.class, zones = excluded.zones, broadcast_id = excluded.broadcast_id, auth = excluded.auth, why = excluded.why
            WHERE cap_alerts.action = 'failed'
            RETURNING id
            """,
            new
            {
                alert.Sender,
                alert.Identifier,
                alert.SentText,
                sentMs = alert.Sent.ToUnixTimeMilliseconds(),
                status = alert.Status.ToString(),
                msgType = alert.MsgType.ToString(),
                alert.ReferencesText,
                expires = decision?.Expires?.ToUnixTimeMilliseconds() ?? CapContent.Choose(alert)?.Expires?.ToUnixTimeMilliseconds(),
                now = time.GetUtcNow().ToUnixTimeMilliseconds(),
                source = from.Source,
                by = from.SubmittedBy,
                action,
                reason,
                cls = decision?.Class?.ToWire(),
                zones = decision is { Zones.Count: > 0 } ? string.Join(',', decision.Zones) : null,
                broadcastId,
                actual = alert.Status == CapStatus.Actual,
                auth = from.AuthenticatedBy,
                why = why is null ? null : JsonSerializer.Serialize(why, WhyJson),
            });
    }

    /// <summary>
    /// The broadcasts still running because of the referenced messages, following Update chains:
    /// cancelling an alert also stops the update that replaced it.
    /// </summary>
    public IReadOnlyList<(long RowId, string BroadcastId)> ActiveBroadcasts(IEnumerable<CapReference> references)
    {
        using var c = db.Open();
        var result = new List<(long, string)>();
        var queue = new Queue<long>();
        foreach (var r in references)
        {
            // Only Actual messages start broadcasts; a Test with the same identifier is not what is meant.
            if (c.ExecuteScalar<long?>("SELECT id FROM cap_alerts WHERE sender = @Sender AND identifier = @Identifier AND actual = 1", r) is { } id)
            {
                queue.Enqueue(id);
            }
        }

        var visited = new HashSet<long>();
        while (queue.TryDequeue(out var id))
        {
            if (!visited.Add(id))
            {
                continue;
            }

            var row = c.QuerySingle<(string? BroadcastId, long? EndedAt, long? ReplacedBy)>("SELECT broadcast_id, ended_at, replaced_by FROM cap_alerts WHERE id = @id", new { id });
            if (row.BroadcastId is not null && row.EndedAt is null)
            {
                result.Add((id, row.BroadcastId));
            }

            if (row.ReplacedBy is { } next)
            {
                queue.Enqueue(next);
            }
        }

        return result;
    }

    /// <summary>The class and zones a stored message played to, for the audit of stopping it.</summary>
    public (string? Class, IReadOnlyList<string> Zones) Target(long rowId)
    {
        using var c = db.Open();
        var row = c.QuerySingleOrDefault<(string? Class, string? Zones)>("SELECT class, zones FROM cap_alerts WHERE id = @rowId", new { rowId });
        return (row.Class, row.Zones is { Length: > 0 } z ? z.Split(',') : []);
    }

    /// <summary>Marks the rows' broadcasts as ended, and (for an Update) which row replaced them. One transaction.</summary>
    public void MarkEnded(IEnumerable<long> rowIds, long? replacedBy)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        foreach (var id in rowIds)
        {
            c.Execute("UPDATE cap_alerts SET ended_at = @now, replaced_by = COALESCE(@replacedBy, replaced_by) WHERE id = @id", new { id, replacedBy, now = time.GetUtcNow().ToUnixTimeMilliseconds() }, tx);
        }

        tx.Commit();
    }

    public IReadOnlyList<CapAlertRecord> Recent(int limit = 100)
    {
        using var c = db.Open();
        return c.Query<Row>($"SELECT {Columns} FROM cap_alerts ORDER BY received_at DESC, id DESC LIMIT @limit", new { limit = Math.Clamp(limit, 1, 1000) })
            .Select(r => r.ToRecord()).ToList();
    }

    /// <summary>The Actual message with this identifier, else the other one (Test, Exercise…).</summary>
    public CapAlertRecord? Find(string sender, string identifier)
    {
        using var c = db.Open();
        return c.QueryFirstOrDefault<Row>($"SELECT {Columns} FROM cap_alerts WHERE sender = @sender AND identifier = @identifier ORDER BY actual DESC", new { sender, identifier })?.ToRecord();
    }

    private static readonly JsonSerializerOptions WhyJson = new(JsonSerializerDefaults.Web);

    private static CapWhy? ReadWhy(string? json)
    {
        try
        {
            return json is { Length: > 0 } ? JsonSerializer.Deserialize<CapWhy>(json, WhyJson) : null;
        }
        catch (JsonException)
        {
            return null; // the English reason is still there
        }
    }

    private sealed record Row(long id, string sender, string identifier, string sent, string status, string msg_type, string? refs, long? expires_ms, long received_at, string source, string submitted_by, string action, string reason, string? @class, string? zones, string? broadcast_id, long? ended_at, string? why)
    {
        public CapAlertRecord ToRecord() => new(
            id, sender, identifier, sent, status, msg_type, refs,
            expires_ms is { } e ? DateTimeOffset.FromUnixTimeMilliseconds(e) : null,
            DateTimeOffset.FromUnixTimeMilliseconds(received_at), source, submitted_by, action, reason, @class,
            string.IsNullOrEmpty(zones) ? [] : zones.Split(','), broadcast_id,
            ended_at is { } x ? DateTimeOffset.FromUnixTimeMilliseconds(x) : null,
            ReadWhy(why));
    }
}
