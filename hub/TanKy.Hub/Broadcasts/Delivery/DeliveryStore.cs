using Dapper;
using Microsoft.Data.Sqlite;
using TanKy.Hub.Broadcasts.Streaming;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Broadcasts.Delivery;

/// <summary>SQL for <c>broadcast_deliveries</c>: targets at stream start, then what each node reported.</summary>
internal sealed class DeliveryStore(Database db)
{
    private const string Upsert =
        """
        INSERT INTO broadcast_deliveries (stream_id, device_id, broadcast_id, zone, online_at_start, status)
        VALUES (@StreamId, @DeviceId, @BroadcastId, @Zone, 0, 'pending')
        ON CONFLICT (stream_id, device_id) DO NOTHING;
        """;

    public static void InsertTargets(SqliteConnection c, SqliteTransaction tx, StreamPlan plan, IReadOnlyList<DeliveryTarget> targets)
    {
        foreach (var t in targets)
        {
            c.Execute(
                """
                INSERT INTO broadcast_deliveries (stream_id, device_id, broadcast_id, zone, online_at_start, status)
                VALUES (@StreamId, @DeviceId, @BroadcastId, @Zone, @online, @status)
                """,
                new { plan.StreamId, t.DeviceId, plan.BroadcastId, t.Zone, online = t.OnlineAtStart ? 1 : 0, status = t.OnlineAtStart ? "pending" : "offline" },
                tx);
        }
    }

    /// <summary>The broadcast a stream belongs to, its request time (hub µs) and zones; null for a stream the hub never sent.</summary>
    public StreamInfo? FindStream(string streamId)
    {
        using var c = db.Open();
        return c.QuerySingleOrDefault<StreamInfo>(
            """
            SELECT s.stream_id AS StreamId, s.broadcast_id AS BroadcastId, b.requested_us AS RequestedUs, s.zones AS Zones
            FROM broadcast_streams s JOIN broadcasts b ON b.id = s.broadcast_id WHERE s.stream_id = @streamId
            """,
            new { streamId });
    }

    public void Started(NodeKey key, long atMs, long? intendedUs, long? actualUs, long? errorUs, long? triggerToSoundUs) => Write(key,
        """
        UPDATE broadcast_deliveries SET started_at = @atMs, intended_us = @intendedUs, actual_us = @actualUs,
            start_error_us = @errorUs, trigger_to_sound_us = @triggerToSoundUs,
            status = CASE WHEN status IN ('pending', 'offline', 'refused') THEN 'started' ELSE status END
        WHERE stream_id = @StreamId AND device_id = @DeviceId
        """,
        new { key.StreamId, key.DeviceId, atMs, intendedUs, actualUs, errorUs, triggerToSoundUs });

    /// <summary>
    /// The node refused the play order (<c>playback.refused</c>, protocol.md §4.6): it never
    /// played, so only a row that has not started or ended yet becomes <c>refused</c>.
    /// </summary>
    public void Refused(NodeKey key, long atMs, string? reason, string? codec) => Write(key,
        """
        UPDATE broadcast_deliveries SET finished_at = COALESCE(finished_at, @atMs), refusal_reason = @reason, refusal_codec = @codec,
            status = CASE WHEN status IN ('pending', 'offline') THEN 'refused' ELSE status END
        WHERE stream_id = @StreamId AND device_id = @DeviceId
        """,
        new { key.StreamId, key.DeviceId, atMs, reason, codec });

    public void Finished(NodeKey key, long atMs, string status, FrameCounts counts, long? errorUs) => Write(key,
        """
        UPDATE broadcast_deliveries SET finished_at = @atMs, status = @status,
            frames_played = @Played, frames_concealed = @Concealed, frames_late = @Late, fec_recovered = @Fec,
            start_error_us = COALESCE(start_error_us, @errorUs)
        WHERE stream_id = @StreamId AND device_id = @DeviceId
        """,
        new { key.StreamId, key.DeviceId, atMs, status, counts.Played, counts.Concealed, counts.Late, counts.Fec, errorUs });

    public void Preempted(NodeKey key, long atMs) => Write(key,
        """
        UPDATE broadcast_deliveries SET finished_at = COALESCE(finished_at, @atMs),
            status = CASE WHEN status IN ('pending', 'offline', 'started') THEN 'preempted' ELSE status END
        WHERE stream_id = @StreamId AND device_id = @DeviceId
        """,
        new { key.StreamId, key.DeviceId, atMs });

    public void Underrun(NodeKey key) => Write(key,
        "UPDATE broadcast_deliveries SET underruns = underruns + 1 WHERE stream_id = @StreamId AND device_id = @DeviceId",
        new { key.StreamId, key.DeviceId });

    public IReadOnlyList<DeliveryRow> Rows(string broadcastId)
    {
        using var c = db.Open();
        return c.Query<DeliveryRow>(
            """
            SELECT d.device_id AS DeviceId, d.zone, d.online_at_start AS OnlineAtStart, d.started_at AS StartedAt,
                   d.start_error_us AS StartErrorUs, d.trigger_to_sound_us AS TriggerToSoundUs, d.frames_played AS FramesPlayed,
                   d.frames_concealed AS FramesConcealed, d.frames_late AS FramesLate, d.fec_recovered AS FecRecovered,
                   d.underruns, d.status, s.ended_at AS StreamEndedAt, d.refusal_reason AS RefusalReason, d.refusal_codec AS RefusalCodec,
                   d.actual_us AS ActualUs, s.frames AS StreamFrames, dv.name AS DeviceName, z.name AS ZoneName,
                   EXISTS (SELECT 1 FROM broadcast_decisions x
                           WHERE x.broadcast_id = d.broadcast_id AND x.zone = d.zone AND x.decision = 'preempted'
                             AND x.ts >= s.started_at AND (s.ended_at IS NULL OR x.ts <= s.ended_at)) AS CutForHigherClass
            FROM broadcast_deliveries d JOIN broadcast_streams s ON s.stream_id = d.stream_id
            LEFT JOIN devices dv ON dv.id = d.device_id LEFT JOIN zones z ON z.id = d.zone
            WHERE d.broadcast_id = @broadcastId ORDER BY s.started_at, s.rowid, d.device_id
            """,
            new { broadcastId }).ToList();
    }

    // A node that reports a stream it was not counted for (joined the zone, or came online
    // under another id) still gets its row: a report must show every speaker that played.
    private void Write(NodeKey key, string update, object args)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        c.Execute(Upsert, new { key.StreamId, key.DeviceId, key.BroadcastId, key.Zone }, tx);
        c.Execute(update, args, tx);
        tx.Commit();
    }
}

/// <summary>Identifies one node's delivery row.</summary>
internal sealed record NodeKey(string StreamId, string DeviceId, string BroadcastId, string Zone);

internal sealed record FrameCounts(long? Played, long? Concealed, long? Late, long? Fec);

internal sealed record StreamInfo(string StreamId, string BroadcastId, long RequestedUs, string Zones);

/// <summary>
/// One node's row for one stream. <see cref="CutForHigherClass"/> is 1 when the hub cut this
/// stream in the row's zone for a higher class (a <c>preempted</c> decision while it was on the air).
/// <see cref="ActualUs"/> is when the node says it started (hub clock µs), <see cref="StreamFrames"/> the
/// frames the hub sent once the stream has ended; names come from the registry.
/// </summary>
internal sealed record DeliveryRow(
    string DeviceId, string Zone, long OnlineAtStart, long? StartedAt, long? StartErrorUs, long? TriggerToSoundUs, long? FramesPlayed,
    long? FramesConcealed, long? FramesLate, long? FecRecovered, long Underruns, string Status, long? StreamEndedAt,
    string? RefusalReason, string? RefusalCodec, long? ActualUs, long? StreamFrames, string? DeviceName, string? ZoneName,
    long CutForHigherClass);
