using TanKy.Hub.Broadcasts.Sources;
using TanKy.Protocol;

namespace TanKy.Hub.Broadcasts.Streaming;

/// <summary>
/// One stream a broadcast airs as: its own random id and epoch, the zones it starts in, where in
/// the content it starts, and the hub-clock time its first frame plays. <see cref="Epoch"/> is
/// assigned when the stream is stored (it must be persisted before any node sees it).
/// </summary>
internal sealed class StreamPlan
{
    public required string StreamId { get; init; }

    public required string BroadcastId { get; init; }

    public required BulletinClass Class { get; init; }

    public required IReadOnlyList<string> Zones { get; init; }

    public required long FromFrame { get; init; }

    public required long PlayoutStartUs { get; init; }

    public required IAudioSource Source { get; init; }

    public int? Volume { get; init; }

    /// <summary>Who and what for the archive; null when another stream of the broadcast is archived.</summary>
    public Archive.ArchiveEntry? Archive { get; init; }

    public uint Epoch { get; set; }

    public TimeSpan Offset => AudioSourceFormat.FrameDuration * FromFrame;
}
