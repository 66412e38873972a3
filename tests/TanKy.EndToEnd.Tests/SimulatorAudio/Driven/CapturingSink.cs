using TanKy.DeviceSim.Audio;

namespace TanKy.EndToEnd.Tests.SimulatorAudio.Driven;

/// <summary>An audio sink that keeps what a speaker played, by position, as a DAC would output it.</summary>
internal sealed class CapturingSink : IAudioSink
{
    private readonly List<short> _pcm = [];

    public bool WantsPcm => true;

    public bool Disposed { get; private set; }

    /// <summary>The output, −1…1; gaps (dropped late frames) are silence.</summary>
    public float[] Samples => [.. _pcm.Select(s => s / 32768f)];

    public void Write(long position, ReadOnlySpan<short> pcm)
    {
        while (_pcm.Count < position)
        {
            _pcm.Add(0);
        }

        foreach (var s in pcm)
        {
            _pcm.Add(s);
        }
    }

    public void Dispose() => Disposed = true;
}
