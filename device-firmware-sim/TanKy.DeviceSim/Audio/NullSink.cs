namespace TanKy.DeviceSim.Audio;

/// <summary>
/// Discards audio. By default the player still decodes (the CPU cost of a real node); with
/// <c>decode: false</c> it skips Opus entirely, so a benchmark of 1000 nodes on two cores
/// measures scheduling and transport rather than 1000 decoders (~150× real time each).
/// </summary>
public sealed class NullSink : IAudioSink
{
    public NullSink(bool decode = true)
    {
        WantsPcm = decode;
    }

    public bool WantsPcm { get; }

    public long SamplesWritten { get; private set; }

    public void Write(long position, ReadOnlySpan<short> pcm) => SamplesWritten += pcm.Length;

    public void Dispose()
    {
        // Nothing held.
    }
}
