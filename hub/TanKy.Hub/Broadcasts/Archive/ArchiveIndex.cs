using Dapper;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Broadcasts.Archive;

/// <summary>SQL for the <c>broadcast_archive</c> table. Times are Unix milliseconds (UTC).</summary>
internal sealed class ArchiveIndex(Database db)
{
    private const string Columns =
        "id, broadcast_id AS BroadcastId, path, title, class, zones, operator, started_at AS StartedAt, ended_at AS EndedAt, "
        + "duration_ms AS DurationMs, size_bytes AS SizeBytes, sha256, status";

    public long InsertRecording(ArchiveEntry entry, string path, DateTimeOffset startedAt)
    {
        using var c = db.Open();
        return c.ExecuteScalar<long>(
            """
            INSERT INTO broadcast_archive (broadcast_id, path, title, class, zones, operator, started_at, status)
            VALUES (@BroadcastId, @Path, @Title, @Class, @Zones, @Operator, @StartedAt, @Status)
            RETURNING id
            """,
            new
            {
                entry.BroadcastId,
                Path = path,
                entry.Title,
                entry.Class,
                Zones = string.Join(',', entry.Zones),
                entry.Operator,
                StartedAt = startedAt.ToUnixTimeMilliseconds(),
                Status = ArchiveStatus.Recording,
            });
    }

    /// <summary>Records the end of a recording: every result column in one statement.</summary>
    public void Finish(long id, DateTimeOffset endedAt, long durationMs, long sizeBytes, string sha256, string status)
    {
        using var c = db.Open();
        c.Execute(
            """
            UPDATE broadcast_archive
            SET ended_at = @EndedAt, duration_ms = @DurationMs, size_bytes = @SizeBytes, sha256 = @Sha256, status = @Status
            WHERE id = @Id
            """,
            new { Id = id, EndedAt = endedAt.ToUnixTimeMilliseconds(), DurationMs = durationMs, SizeBytes = sizeBytes, Sha256 = sha256, Status = status });
    }

    /// <summary>Removes rows in one transaction (files are deleted first by the caller).</summary>
    public void Delete(IReadOnlyCollection<long> ids)
    {
        if (ids.Count == 0)
        {
            return;
        }

        using var c = db.Open();
        using var tx = c.BeginTransaction();
        foreach (var id in ids)
        {
            c.Execute("DELETE FROM broadcast_archive WHERE id = @id", new { id }, tx);
        }

        tx.Commit();
    }

    public ArchiveRecord? Get(long id)
    {
        using var c = db.Open();
        return c.QuerySingleOrDefault<Row>($"SELECT {Columns} FROM broadcast_archive WHERE id = @id", new { id })?.ToRecord();
    }

    public ArchiveRecord? FindLatest(string broadcastId)
    {
        using var c = db.Open();
        return c.QueryFirstOrDefault<Row>(
            $"SELECT {Columns} FROM broadcast_archive WHERE broadcast_id = @broadcastId ORDER BY started_at DESC, id DESC",
            new { broadcastId })?.ToRecord();
    }

    public IReadOnlyList<ArchiveRecord> List(ArchiveQuery q)
    {
        using var c = db.Open();

        // Zones are stored comma-separated; wrapping both sides in commas matches whole ids only.
        return c.Query<Row>(
            $"""
            SELECT {Columns} FROM broadcast_archive
            WHERE (@From IS NULL OR started_at >= @From)
              AND (@To IS NULL OR started_at < @To)
              AND (@Zone IS NULL OR ',' || zones || ',' LIKE '%,' || @Zone || ',%')
              AND (@Class IS NULL OR class = @Class)
              AND (@Operator IS NULL OR operator = @Operator)
            ORDER BY started_at DESC, id DESC
            LIMIT @Limit
            """,
            new
            {
                From = q.From?.ToUnixTimeMilliseconds(),
                To = q.To?.ToUnixTimeMilliseconds(),
                q.Zone,
                q.Class,
                q.Operator,
                Limit = Math.Clamp(q.Limit, 1, 10_000),
            }).Select(r => r.ToRecord()).ToList();
    }

    public IReadOnlyList<ArchiveRecord> WithStatus(string status)
    {
        using var c = db.Open();
        return c.Query<Row>($"SELECT {Columns} FROM broadcast_archive WHERE status = @status ORDER BY id", new { status })
            .Select(r => r.ToRecord()).ToList();
    }

    /// <summary>Finished recordings, oldest first: the order retention deletes in.</summary>
    public IReadOnlyList<ArchiveRecord> FinishedOldestFirst()
    {
        using var c = db.Open();
        return c.Query<Row>(
            $"SELECT {Columns} FROM broadcast_archive WHERE status <> @recording ORDER BY started_at, id",
            new { recording = ArchiveStatus.Recording }).Select(r => r.ToRecord()).ToList();
    }

    private sealed record Row(
        long Id,
        string BroadcastId,
        string Path,
        string Title,
        string Class,
        string Zones,
        string Operator,
        long StartedAt,
        long? EndedAt,
        long? DurationMs,
        long? SizeBytes,
        string? Sha256,
        string Status)
    {
        public ArchiveRecord ToRecord() => new(
            Id,
            BroadcastId,
            Path,
            Title,
            Class,
            Zones.Length == 0 ? [] : Zones.Split(','),
            Operator,
            DateTimeOffset.FromUnixTimeMilliseconds(StartedAt),
            EndedAt is { } e ? DateTimeOffset.FromUnixTimeMilliseconds(e) : null,
            DurationMs,
            SizeBytes,
            Sha256,
            Status);
    }
}
