using Dapper;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Schedules.Relays;

/// <summary>One scheduled recording as stored in <c>programme_recordings</c>.</summary>
internal sealed record RecordingRow(string Name, long OccurrenceAt, string SourceId, string State, string? MediaId, long? RecordedMs, string? Reason);

/// <summary>
/// The table <c>programme_recordings</c>: one row per recording occurrence, claimed before it starts
/// (so a restart never records the same occurrence twice), then done with its clip or failed with why.
/// </summary>
internal sealed class RecordingStore(Database db, TimeProvider time)
{
    public const string Recording = "recording";
    public const string Done = "done";
    public const string Failed = "failed";

    /// <summary>Claims the occurrence; false when it was already claimed (recorded, failed or running).</summary>
    public bool TryBegin(string name, DateTimeOffset at, string sourceId, TimeSpan duration)
    {
        using var c = db.Open();
        return c.Execute(
            """
            INSERT INTO programme_recordings(name, occurrence_at, source_id, duration_ms, state, started_at)
            VALUES (@name, @at, @sourceId, @ms, 'recording', @now) ON CONFLICT DO NOTHING
            """,
            new { name, at = at.ToUnixTimeMilliseconds(), sourceId, ms = (long)duration.TotalMilliseconds, now = Now() }) > 0;
    }

    public void Finish(string name, DateTimeOffset at, string mediaId, TimeSpan recorded) =>
        Set(name, at, Done, mediaId, recorded, null);

    public void Fail(string name, DateTimeOffset at, TimeSpan recorded, string reason) =>
        Set(name, at, Failed, null, recorded, reason);

    public RecordingRow? Get(string name, DateTimeOffset at)
    {
        using var c = db.Open();
        return c.QuerySingleOrDefault<RecordingRow>(
            """
            SELECT name AS Name, occurrence_at AS OccurrenceAt, source_id AS SourceId, state AS State, media_id AS MediaId, recorded_ms AS RecordedMs, reason AS Reason
            FROM programme_recordings WHERE name = @name AND occurrence_at = @at
            """,
            new { name, at = at.ToUnixTimeMilliseconds() });
    }

    /// <summary>Clips of <paramref name="name"/> older than the newest <paramref name="keep"/> done recordings (to delete).</summary>
    public IReadOnlyList<string> Superseded(string name, int keep)
    {
        using var c = db.Open();
        return c.Query<string>(
            "SELECT media_id FROM programme_recordings WHERE name = @name AND state = 'done' AND media_id IS NOT NULL ORDER BY occurrence_at DESC LIMIT -1 OFFSET @keep",
            new { name, keep }).ToList();
    }

    /// <summary>Rows left <c>recording</c> by a run that stopped mid-recording: failed.</summary>
    public int FailInterrupted(string reason)
    {
        using var c = db.Open();
        return c.Execute("UPDATE programme_recordings SET state = 'failed', reason = @reason, finished_at = @now WHERE state = 'recording'", new { reason, now = Now() });
    }

    private void Set(string name, DateTimeOffset at, string state, string? mediaId, TimeSpan recorded, string? reason)
    {
        using var c = db.Open();
        c.Execute(
            """
            UPDATE programme_recordings SET state = @state, media_id = @mediaId, recorded_ms = @ms, reason = @reason, finished_at = @now
            WHERE name = @name AND occurrence_at = @at
            """,
            new { name, at = at.ToUnixTimeMilliseconds(), state, mediaId, ms = (long)recorded.TotalMilliseconds, reason, now = Now() });
    }

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();
}
