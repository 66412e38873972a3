namespace TanKy.Hub.Broadcasts.Delivery;

/// <summary>
/// How one targeted speaker did in a broadcast, over every stream of it that targeted the node.
/// <see cref="Outcome"/>: <c>offline</c> (offline at start, never played), <c>pending</c> (online,
/// not started yet), <c>failed</c> (online, never started), <c>started</c> (playing),
/// <c>finished</c>, <c>stopped</c>, <c>preempted</c> or <c>timeout</c> (its last stream's end), or
/// <c>refused</c> (it refused the play order, protocol.md §4.6: <see cref="RefusalReason"/> <c>codec</c>
/// with <see cref="RefusalCodec"/>, or <c>class</c>). A node of a stream the hub cut for a higher class
/// is <c>preempted</c> whatever reason it reported. Start error and trigger-to-first-sound are those
/// of the first stream it started.
/// <see cref="DeviceName"/> and <see cref="ZoneName"/> are the registry's display names (null when the
/// device or hamlet has since been removed). <see cref="FramesLive"/> is true while the node plays:
/// nodes report exact counts only in <c>playback.finished</c> (protocol.md §4.6), so until then
/// <see cref="FramesPlayed"/> is the hub's count of frame slots since the node's reported start.
/// </summary>
public sealed record NodeDelivery(
    string DeviceId,
    string Zone,
    bool OnlineAtStart,
    string Outcome,
    long? StartErrorUs,
    long? TriggerToSoundUs,
    long FramesPlayed,
    long FramesConcealed,
    long FramesLate,
    long FecRecovered,
    int Underruns,
    string? RefusalReason = null,
    string? RefusalCodec = null,
    string? DeviceName = null,
    string? ZoneName = null,
    bool FramesLive = false);
