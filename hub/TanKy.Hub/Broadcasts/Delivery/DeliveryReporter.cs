namespace TanKy.Hub.Broadcasts.Delivery;

/// <summary>
/// Builds a broadcast's <see cref="DeliveryReport"/> from its delivery rows. With the hub clock
/// (<paramref name="nowUs"/>), a node still playing shows the frame slots since its reported start:
/// a node reports its exact counts only when it finishes, so without this "frames played" read 0
/// for the whole broadcast.
/// </summary>
internal sealed class DeliveryReporter(DeliveryStore store, Func<long>? nowUs = null)
{
    public DeliveryReport Build(string broadcastId)
    {
        var rows = store.Rows(broadcastId);
        var nodes = rows.GroupBy(r => r.DeviceId).Select(Summarise).ToList();

        // "Played" is PlaybackHeard's rule, the indicator report's too: a node stopped before its
        // first frame is not counted as played (it was, before issue #17).
        var heard = rows.Where(r => PlaybackHeard.Played(r.StartedAt, r.FramesPlayed)).Select(r => r.DeviceId).ToHashSet(StringComparer.Ordinal);
        var started = nodes.Where(n => heard.Contains(n.DeviceId)).ToList();
        var errors = started.Where(n => n.StartErrorUs is not null).Select(n => n.StartErrorUs!.Value).Order().ToList();
        var toSound = started.Where(n => n.TriggerToSoundUs is not null).Select(n => n.TriggerToSoundUs!.Value).Order().ToList();
        return new DeliveryReport(
            broadcastId,
            Targeted: nodes.Count,
            OfflineAtStart: nodes.Count(n => !n.OnlineAtStart),
            Started: started.Count,
            Finished: nodes.Count(n => n.Outcome is "finished" or "stopped"),
            Failed: nodes.Count(n => n.Outcome is "failed" or "timeout" or "refused"),
            Pending: nodes.Count(n => n.Outcome == "pending"),
            StartErrorP50Us: Median(errors),
            StartErrorMaxAbsUs: errors.Count == 0 ? null : errors.Max(Math.Abs),
            TriggerToSoundP50Us: Median(toSound),
            TriggerToSoundMaxUs: toSound.Count == 0 ? null : toSound[^1],
            Nodes: nodes,
            Stopped: nodes.Count(n => n.Outcome == "stopped"));
    }

    private NodeDelivery Summarise(IGrouping<string, DeliveryRow> rows)
    {
        var list = rows.ToList();
        var first = list[0];
        var firstStarted = list.Find(r => r.StartedAt is not null);
        var outcome = OutcomeOf(list);
        var live = outcome == "started" && list.FindLast(r => r.Status == "started") is { } playing ? LiveFrames(playing) : null;
        var refusal = outcome == "refused" ? list.FindLast(r => r.Status == "refused") : null;
        return new NodeDelivery(
            first.DeviceId,
            first.Zone,
            OnlineAtStart: first.OnlineAtStart != 0,
            Outcome: outcome,
            StartErrorUs: firstStarted?.StartErrorUs,
            TriggerToSoundUs: firstStarted?.TriggerToSoundUs,
            FramesPlayed: list.Sum(r => r.FramesPlayed ?? 0) + (live ?? 0),
            FramesConcealed: list.Sum(r => r.FramesConcealed ?? 0),
            FramesLate: list.Sum(r => r.FramesLate ?? 0),
            FecRecovered: list.Sum(r => r.FecRecovered ?? 0),
            Underruns: (int)list.Sum(r => r.Underruns),
            RefusalReason: refusal?.RefusalReason,
            RefusalCodec: refusal?.RefusalCodec,
            DeviceName: first.DeviceName,
            ZoneName: list.Find(r => r.ZoneName is not null)?.ZoneName,
            FramesLive: live is not null);
    }

    /// <summary>
    /// Frame slots from the node's reported start to now (capped at what the hub sent once the
    /// stream has ended); null without a clock, a start time, or for a row already ended.
    /// </summary>
    private long? LiveFrames(DeliveryRow row)
    {
        if (nowUs is null || row.ActualUs is not { } startUs)
        {
            return null;
        }

        var slots = Math.Max(0, (nowUs() - startUs) / Sources.AudioSourceFormat.FrameMicros);
        return row.StreamFrames is { } sent ? Math.Min(slots, sent) : slots;
    }

    // The latest stream the node reported on decides; without any report: still pending while a
    // stream is on the air, else failed (it was online) or offline.
    private static string OutcomeOf(List<DeliveryRow> rows)
    {
        var reported = rows.FindLast(r => r.Status is not ("pending" or "offline"));
        if (reported is not null)
        {
            return StatusOf(reported);
        }

        if (rows.Exists(r => r.Status == "pending" && r.StreamEndedAt is null))
        {
            return "pending";
        }

        return rows.Exists(r => r.OnlineAtStart != 0) ? "failed" : "offline";
    }

    /// <summary>
    /// A node of a stream the hub cut for a higher class was preempted, whatever reason it gave:
    /// the hub sends the <c>stop</c> before the new <c>play</c>, so most nodes can only say <c>stop</c>
    /// (protocol.md §4.6, §4.8). One that had already played to the end keeps <c>finished</c>.
    /// </summary>
    private static string StatusOf(DeliveryRow row) =>
        row.CutForHigherClass != 0 && row.Status is "started" or "stopped" or "timeout" ? "preempted" : row.Status;

    private static long? Median(List<long> sorted) => sorted.Count == 0 ? null : sorted[sorted.Count / 2];
}
