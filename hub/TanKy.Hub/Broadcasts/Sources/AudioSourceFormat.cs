using TanKy.Protocol.Audio;

namespace TanKy.Hub.Broadcasts.Sources;

/// <summary>The one packet shape every broadcast streams: Opus, 48 kHz mono, 20 ms frames.</summary>
public static class AudioSourceFormat
{
    public const int SampleRate = AudioFrameFormat.SampleRate;

    public const int FrameSamples = AudioFrameFormat.DefaultFrameSamples;

    public static readonly TimeSpan FrameDuration = TimeSpan.FromMilliseconds(20);

    public static long FrameMicros => AudioFrameFormat.SamplesToMicros(FrameSamples);

    /// <summary>Frames needed to carry <paramref name="samples"/> samples, rounded up.</summary>
    public static long FramesFor(long samples) => (samples + FrameSamples - 1) / FrameSamples;

    public static TimeSpan DurationOf(long samples) => TimeSpan.FromTicks(samples * TimeSpan.TicksPerSecond / SampleRate);
}
