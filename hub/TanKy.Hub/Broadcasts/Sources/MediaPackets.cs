namespace TanKy.Hub.Broadcasts.Sources;

/// <summary>
/// A stored clip ready to stream: its Opus packets (one per 20 ms frame), its real length in
/// 48 kHz samples when known, and the encoder's pre-skip.
/// </summary>
public sealed record MediaPackets(
    string Title,
    IReadOnlyList<ReadOnlyMemory<byte>> Packets,
    long? SampleCount,
    int PreSkip = 312);
