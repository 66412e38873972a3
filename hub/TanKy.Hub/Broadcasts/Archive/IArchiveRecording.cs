namespace TanKy.Hub.Broadcasts.Archive;

/// <summary>
/// One broadcast being archived. Packets are written as they come; the file on disk is a valid
/// Ogg Opus file up to its last page at any moment. Disposing without completing aborts.
/// </summary>
internal interface IArchiveRecording : IAsyncDisposable
{
    string BroadcastId { get; }

    /// <summary>Id of the index row.</summary>
    long Id { get; }

    /// <summary>Absolute path of the file being written.</summary>
    string FullPath { get; }

    /// <summary>
    /// Appends one Opus packet of <paramref name="samples"/> samples at 48 kHz (960 for 20 ms).
    /// Throws <see cref="ArgumentException"/> for a packet whose TOC disagrees with
    /// <paramref name="samples"/>. A disk error does not throw: it is logged, later packets are
    /// dropped and the recording ends as <c>failed</c>, so archiving never stops a broadcast.
    /// </summary>
    ValueTask AppendAsync(ReadOnlyMemory<byte> opusPacket, int samples, CancellationToken ct = default);

    /// <summary>
    /// Finishes the file (EOS page) and the index row. <paramref name="sourceSamples"/> is the
    /// real length of the source at 48 kHz, used to trim the padding of the last packet.
    /// Returns the index row, or null when no audio was recorded (file and row are removed).
    /// </summary>
    Task<ArchiveRecord?> CompleteAsync(long? sourceSamples = null, CancellationToken ct = default);

    /// <summary>Ends early (preempted, cancelled): what was recorded is kept with status <c>aborted</c>.</summary>
    Task<ArchiveRecord?> AbortAsync(string reason, CancellationToken ct = default);
}
