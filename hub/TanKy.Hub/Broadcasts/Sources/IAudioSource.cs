namespace TanKy.Hub.Broadcasts.Sources;

/// <summary>
/// Content of a broadcast as Opus packets of <see cref="AudioSourceFormat.FrameSamples"/>
/// samples (20 ms, 48 kHz mono), one per frame. Stored clips know their length; a live source
/// (microphone, relay of the provincial feed) does not, and yields each packet when it exists —
/// the streamer paces on the play-out clock either way, so both look the same to it.
/// </summary>
public interface IAudioSource
{
    /// <summary>Shown in the archive and the broadcast list.</summary>
    string Title { get; }

    /// <summary>Real length of the content in 48 kHz samples (without encoder padding), or null when unknown (live).</summary>
    long? TotalSamples { get; }

    /// <summary>Encoder look-ahead a decoder drops first (RFC 7845 pre-skip).</summary>
    int PreSkip { get; }

    /// <summary>True for content that exists only as it happens: it cannot be read from an offset.</summary>
    bool IsLive { get; }

    /// <summary>
    /// Packets from frame <paramref name="fromFrame"/> on (a live source ignores it: it yields
    /// what is produced from now on). May be called once per stream the broadcast airs as. A
    /// yielded packet must stay unchanged afterwards (the streamer reads one packet ahead to know
    /// which message is the last); an empty packet means "no audio for this frame" (§8.1.1).
    /// </summary>
    IAsyncEnumerable<ReadOnlyMemory<byte>> ReadPacketsAsync(long fromFrame, CancellationToken cancellationToken);
}
