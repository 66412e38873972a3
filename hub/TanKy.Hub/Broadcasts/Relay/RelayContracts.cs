namespace TanKy.Hub.Broadcasts.Relay;

// The seams of the relay feature (issue #18), fixed first so the registry, the airing and the
// programme can be built side by side. Change them only together with every implementation.

/// <summary>A registered upstream stream (tiếp sóng): an id, a name, and its URLs in fallback order.</summary>
public sealed record RelaySource(string Id, string Name, IReadOnlyList<string> Urls, DateTimeOffset CreatedAt);

/// <summary>The sources registry, as broadcasting and the programme see it.</summary>
public interface IRelaySources
{
    RelaySource? Find(string id);

    IReadOnlyList<RelaySource> List();
}

/// <summary>What a relay broadcast plays: a source, for how long (null: until stopped), and the clip aired while it stays down.</summary>
public sealed record RelayContent(string SourceId, TimeSpan? Duration = null, string? FallbackMediaId = null);

/// <summary>Why <see cref="IPcmFeed.ReadFrameAsync"/> returned.</summary>
public enum PcmFeedStatus
{
    /// <summary>A whole frame of source audio was written.</summary>
    Audio,

    /// <summary>No audio arrived in time for this frame (stall, reconnect, every URL down); the frame is silence.</summary>
    Gap,
}

/// <summary>
/// Decoded source audio as 20 ms frames of 48 kHz mono float PCM, paced by the source itself. The
/// feed reconnects on its own (backoff, next URL) and never ends while it is open: a dead source
/// yields <see cref="PcmFeedStatus.Gap"/> frames on the caller's frame clock, so speakers keep the stream.
/// </summary>
public interface IPcmFeed : IAsyncDisposable
{
    /// <summary>Fills <paramref name="frame"/> (960 samples) and says whether it is source audio or a gap.</summary>
    ValueTask<PcmFeedStatus> ReadFrameAsync(Memory<float> frame, CancellationToken cancellationToken);

    /// <summary>Live status for the console and metrics: connected URL, dropouts so far, last level.</summary>
    PcmFeedStatusReport Status { get; }
}

/// <summary>A feed's state: which URL it reads (null while down), dropouts counted, level of the last second in dBFS.</summary>
public sealed record PcmFeedStatusReport(string? Url, bool Receiving, int Dropouts, double? LevelDbfs);

/// <summary>Opens feeds: ffmpeg in the hub, a generated signal in tests.</summary>
public interface IPcmFeedFactory
{
    IPcmFeed Open(RelaySource source);
}
