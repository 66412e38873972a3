using Dapper;
using Microsoft.Data.Sqlite;
using TanKy.Hub.Broadcasts.Arbitration;
using TanKy.Hub.Broadcasts.Streaming;
using TanKy.Hub.Shared.Data;
using TanKy.Protocol;

namespace TanKy.Hub.Broadcasts;

/// <summary>SQL for <c>broadcasts</c>, <c>broadcast_streams</c> and <c>broadcast_decisions</c>.</summary>
internal sealed class BroadcastStore(Database db)
{
    private const string Columns =
        "id, stream_id AS StreamId, epoch, class, policy, zones, media, title, volume, operator, source, requested_at AS RequestedAt, "
        + "requested_us AS RequestedUs, started_at AS StartedAt, ended_at AS EndedAt, status, end_reason AS EndReason";

    /// <summary>Writes a step in one transaction; assigns each new stream its epoch on the way.</summary>
    public void Apply(BroadcastStep step)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction(deferred: false);
        var now = step.At.ToUnixTimeMilliseconds();
        if (step.NewBroadcast is { } b)
        {
            c.Execute(
                """
                INSERT INTO broadcasts (id, class, policy, zones, media, title, volume, operator, source, requested_at, requested_us, status)
                VALUES (@Id, @Class, @Policy, @Zones, @Media, @Title, @Volume, @Operator, @Source, @RequestedAt, @RequestedUs, @Status)
                """,
                new { b.Id, b.Class, b.Policy, Zones = string.Join(',', b.Zones), b.Media, b.Title, b.Volume, b.Operator, b.Source,
                    RequestedAt = b.RequestedAt.ToUnixTimeMilliseconds(), b.RequestedUs, b.Status },
                tx);
        }

        foreach (var (plan, targets) in step.NewStreams)
        {
            InsertStream(c, tx, plan, step.At);
            Delivery.DeliveryStore.InsertTargets(c, tx, plan, targets);
        }

        foreach (var (streamId, frames, reason) in step.EndedStreams)
        {
            c.Execute("UPDATE broadcast_streams SET ended_at = @now, frames = @frames, end_reason = @reason WHERE stream_id = @streamId",
                new { now, frames, reason, streamId }, tx);
        }

        foreach (var d in step.Decisions)
        {
            c.Execute(
                """
                INSERT INTO broadcast_decisions (broadcast_id, zone, ts, decision, offset_ms, by_broadcast, reason)
                VALUES (@BroadcastId, @Zone, @ts, @kind, @offset, @By, @Reason)
                """,
                new { d.BroadcastId, d.Zone, ts = d.At.ToUnixTimeMilliseconds(), kind = d.Kind.ToWire(), offset = (long)d.Offset.TotalMilliseconds, d.By, d.Reason },
                tx);
        }

        foreach (var (id, status, endReason) in step.Statuses)
        {
            c.Execute(
                """
                UPDATE broadcasts SET status = @status, end_reason = COALESCE(@endReason, end_reason),
                    ended_at = CASE WHEN @endReason IS NULL THEN NULL ELSE @now END
                WHERE id = @id
                """,
                new { id, status, endReason, now },
                tx);
        }

        tx.Commit();
    }

    public bool StreamExists(string streamId)
    {
        using var c = db.Open();
        return c.ExecuteScalar<long>("SELECT COUNT(*) FROM broadcast_streams WHERE stream_id = @streamId", new { streamId }) > 0;
    }

    public BroadcastRecord? Get(string id)
    {
        using var c = db.Open();
        return c.QuerySingleOrDefault<Row>($"SELECT {Columns} FROM broadcasts WHERE id = @id", new { id })?.ToRecord();
    }

    /// <summary>Newest first; <paramref name="zones"/> limits to broadcasts touching one of them (null: all).</summary>
    public IReadOnlyList<BroadcastRecord> List(int limit, IReadOnlyList<string>? zones)
    {
        using var c = db.Open();
        var args = new DynamicParameters(new { limit });
        var where = "";
        if (zones is not null)
        {
            // zones is stored comma-separated: match whole items by wrapping both sides in commas.
            var terms = zones.Select((z, i) => { args.Add("z" + i, "%," + z + ",%"); return $"(',' || zones || ',') LIKE @z{i}"; }).ToList();
            where = terms.Count == 0 ? "WHERE 0" : "WHERE " + string.Join(" OR ", terms);
        }

        return c.Query<Row>($"SELECT {Columns} FROM broadcasts {where} ORDER BY requested_at DESC, rowid DESC LIMIT @limit", args)
            .Select(r => r.ToRecord()).ToList();
    }

    public IReadOnlyList<ArbiterDecision> Decisions(string broadcastId)
    {
        using var c = db.Open();
        return c.Query<(string Decision, string Zone, long Ts, long OffsetMs, string? By, string? Reason)>(
                "SELECT decision, zone, ts, offset_ms, by_broadcast, reason FROM broadcast_decisions WHERE broadcast_id = @broadcastId ORDER BY id",
                new { broadcastId })
            .Select(r => new ArbiterDecision(Enum.Parse<DecisionKind>(r.Decision, ignoreCase: true), broadcastId, r.Zone,
                Local(r.Ts), TimeSpan.FromMilliseconds(r.OffsetMs), r.By, r.Reason))
            .ToList();
    }

    /// <summary>
    /// Broadcasts a previous hub run left playing or waiting: their streams died with it. Marks
    /// them failed so nothing looks on the air that is not, and returns how many.
    /// </summary>
    public int FailOrphans(DateTimeOffset now)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction(deferred: false);
        var at = now.ToUnixTimeMilliseconds();
        var reason = BroadcastEndReason.HubRestarted;
        c.Execute("UPDATE broadcast_streams SET ended_at = @at, end_reason = @reason WHERE ended_at IS NULL", new { at, reason }, tx);
        var count = c.Execute(
            "UPDATE broadcasts SET status = 'failed', ended_at = @at, end_reason = @reason WHERE ended_at IS NULL",
            new { at, reason },
            tx);
        tx.Commit();
        return count;
    }

    private static void InsertStream(SqliteConnection c, SqliteTransaction tx, StreamPlan plan, DateTimeOffset at)
    {
        // protocol.md §8.1.4: strictly increasing, and at least the Unix time so a restored database cannot go back.
        var last = c.ExecuteScalar<long>("SELECT COALESCE(MAX(epoch), 0) FROM broadcast_streams", transaction: tx);
        var epoch = Math.Max(last + 1, at.ToUnixTimeSeconds());
        if (epoch > uint.MaxValue)
        {
            throw new InvalidOperationException("stream epochs are exhausted (uint32)");
        }

        plan.Epoch = (uint)epoch;
        var now = at.ToUnixTimeMilliseconds();
        c.Execute(
            """
            INSERT INTO broadcast_streams (stream_id, broadcast_id, epoch, zones, start_offset_ms, playout_start_us, started_at)
            VALUES (@StreamId, @BroadcastId, @epoch, @zones, @offset, @PlayoutStartUs, @now)
            """,
            new { plan.StreamId, plan.BroadcastId, epoch, zones = string.Join(',', plan.Zones), offset = (long)plan.Offset.TotalMilliseconds, plan.PlayoutStartUs, now },
            tx);
        c.Execute(
            "UPDATE broadcasts SET stream_id = @StreamId, epoch = @epoch, started_at = COALESCE(started_at, @now) WHERE id = @BroadcastId",
            new { plan.StreamId, epoch, now, plan.BroadcastId },
            tx);
    }

    /// <summary>
    /// Stored instants read back in commune time (+07:00): the same instant, but JSON, the CLI and
    /// pages then show the officers' clock instead of UTC.
    /// </summary>
    internal static DateTimeOffset Local(long unixMs) => Shared.CommuneTime.ToLocal(DateTimeOffset.FromUnixTimeMilliseconds(unixMs));

    private sealed record Row(
        string Id, string? StreamId, long? Epoch, string Class, string Policy, string Zones, string Media, string Title, long? Volume,
        string Operator, string Source, long RequestedAt, long RequestedUs, long? StartedAt, long? EndedAt, string Status, string? EndReason)
    {
        public BroadcastRecord ToRecord() => new()
        {
            Id = Id, StreamId = StreamId, Epoch = Epoch, Class = Class, Policy = Policy,
            Zones = Zones.Split(',', StringSplitOptions.RemoveEmptyEntries), Media = Media, Title = Title,
            Volume = Volume is null ? null : (int)Volume.Value, Operator = Operator, Source = Source,
            RequestedAt = Local(RequestedAt), RequestedUs = RequestedUs,
            StartedAt = StartedAt is null ? null : Local(StartedAt.Value),
            EndedAt = EndedAt is null ? null : Local(EndedAt.Value),
            Status = Status, EndReason = EndReason,
        };
    }
}
