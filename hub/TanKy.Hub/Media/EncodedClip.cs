namespace TanKy.Hub.Media;

/// <summary>
/// A clip's Opus packets, ready to stream: 48 kHz mono, one packet per
/// <see cref="FrameSamples"/>. A decoder drops the first <see cref="PreSkip"/> decoded samples
/// (the encoder's look-ahead, as RFC 7845 pre-skip) and keeps <see cref="SampleCount"/>.
/// </summary>
public sealed record EncodedClip(
    int SampleRate,
    int Channels,
    int FrameSamples,
    int PreSkip,
    long SampleCount,
    int Bitrate,
    IReadOnlyList<ReadOnlyMemory<byte>> Packets)
{
    public TimeSpan Duration => TimeSpan.FromSeconds((double)SampleCount / SampleRate);

    public TimeSpan FrameDuration => TimeSpan.FromSeconds((double)FrameSamples / SampleRate);
}
