using System.Text.Json;
using Dapper;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Devices.Control.Bulk;

/// <summary>The persisted queue of bulk actions to run later (<c>device_actions</c>); survives restarts.</summary>
internal sealed class ScheduledActionStore(Database db, TimeProvider time)
{
    public const string Scheduled = "scheduled";
    public const string Running = "running";
    public const string Cancelled = "cancelled";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public long Add(DeviceAction action, DateTimeOffset dueAt, string? by)
    {
        using var c = db.Open();
        return c.ExecuteScalar<long>(
            "INSERT INTO device_actions(action, due_at, created_by, created_at, status) VALUES (@action, @due, @by, @now, @status) RETURNING id",
            new { action = JsonSerializer.Serialize(action, Json), due = dueAt.ToUnixTimeMilliseconds(), by, now = time.GetUtcNow().ToUnixTimeMilliseconds(), status = Scheduled });
    }

    /// <summary>Claims one due action (scheduled → running) so two runners never run it twice.</summary>
    public ScheduledAction? ClaimNextDue()
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var id = c.ExecuteScalar<long?>(
            "SELECT id FROM device_actions WHERE status = @Scheduled AND due_at <= @now ORDER BY due_at, id LIMIT 1",
            new { Scheduled, now = time.GetUtcNow().ToUnixTimeMilliseconds() },
            tx);
        if (id is null)
        {
            return null;
        }

        c.Execute("UPDATE device_actions SET status = @Running WHERE id = @id", new { Running, id }, tx);
        tx.Commit();
        return Get(id.Value);
    }

    public void Finish(long id, BulkResult result)
    {
        using var c = db.Open();
        c.Execute(
            "UPDATE device_actions SET status = @status, ran_at = @now, result = @result WHERE id = @id",
            new { id, status = result.Outcome, now = time.GetUtcNow().ToUnixTimeMilliseconds(), result = JsonSerializer.Serialize(result, Json) });
    }

    public void Fail(long id, string reason)
    {
        using var c = db.Open();
        c.Execute(
            "UPDATE device_actions SET status = 'failed', ran_at = @now, result = @result WHERE id = @id",
            new { id, now = time.GetUtcNow().ToUnixTimeMilliseconds(), result = JsonSerializer.Serialize(new { error = reason }, Json) });
    }

    /// <summary>Actions a hub crash left "running" are run again: a desired change is idempotent.</summary>
    public int RequeueInterrupted()
    {
        using var c = db.Open();
        return c.Execute("UPDATE device_actions SET status = @Scheduled WHERE status = @Running", new { Scheduled, Running });
    }

    public bool Cancel(long id)
    {
        using var c = db.Open();
        return c.Execute("UPDATE device_actions SET status = @Cancelled WHERE id = @id AND status = @Scheduled", new { Cancelled, Scheduled, id }) == 1;
    }

    public ScheduledAction? Get(long id) => Query("WHERE id = @id", new { id }).FirstOrDefault();

    public IReadOnlyList<ScheduledAction> List(int limit = 100) => Query("ORDER BY due_at DESC LIMIT @limit", new { limit });

    private List<ScheduledAction> Query(string where, object args)
    {
        using var c = db.Open();
        return c.Query<(long Id, string Action, long DueAt, string? By, string Status, long? RanAt, string? Result)>(
                $"SELECT id, action, due_at, created_by, status, ran_at, result FROM device_actions {where}", args)
            .Select(r => new ScheduledAction(
                r.Id,
                JsonSerializer.Deserialize<DeviceAction>(r.Action, Json)!,
                DateTimeOffset.FromUnixTimeMilliseconds(r.DueAt),
                r.By,
                r.Status,
                r.RanAt is { } ran ? DateTimeOffset.FromUnixTimeMilliseconds(ran) : null,
                r.Result is not null && r.Result.Contains("\"results\"", StringComparison.Ordinal) ? JsonSerializer.Deserialize<BulkResult>(r.Result, Json) : null,
                ErrorOf(r.Result)))
            .ToList();
    }

    // Fail writes {"error": reason}; a result of a run that happened has no such field.
    private static string? ErrorOf(string? result)
    {
        if (result is null || !result.Contains("\"error\"", StringComparison.Ordinal))
        {
            return null;
        }

        using var doc = JsonDocument.Parse(result);
        return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
    }
}
