namespace TanKy.DeviceSim.Audio;

/// <summary>
/// Where one stream's decoded audio goes on one node: 48 kHz mono 16-bit PCM, placed by play-out
/// position. The player calls it from the node's scheduler loop only, never concurrently.
/// Disposing ends the stream (files are finalised, processes closed).
/// </summary>
public interface IAudioSink : IDisposable
{
    /// <summary>False: the sink discards audio, so the player may skip decoding (large benchmarks).</summary>
    bool WantsPcm { get; }

    /// <summary>
    /// Writes <paramref name="pcm"/> starting at <paramref name="position"/> samples after the first
    /// played frame. Positions only grow; a gap between writes is silence (a dropped late frame).
    /// </summary>
    void Write(long position, ReadOnlySpan<short> pcm);
}
