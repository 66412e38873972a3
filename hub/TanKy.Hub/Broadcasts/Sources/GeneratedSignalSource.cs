using System.Runtime.CompilerServices;

namespace TanKy.Hub.Broadcasts.Sources;

/// <summary>
/// Encodes a generated signal while it is read, packet by packet, the way a live encoder would —
/// but with a known length, so it can stand in for both kinds of source in tests.
/// </summary>
internal sealed class GeneratedSignalSource(string title, TimeSpan duration, Func<long, float>? signal = null) : IAudioSource
{
    private readonly Func<long, float> _signal = signal ?? SignalEncoder.TestSignal;

    public string Title => title;

    public long? TotalSamples { get; } = (long)(duration.TotalSeconds * AudioSourceFormat.SampleRate);

    public int PreSkip { get; } = SignalEncoder.CreateEncoder().Lookahead;

    public bool IsLive => false;

    public async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadPacketsAsync(long fromFrame, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var encoder = SignalEncoder.CreateEncoder();
        var frames = AudioSourceFormat.FramesFor(TotalSamples!.Value + PreSkip);
        var pcm = new float[AudioSourceFormat.FrameSamples];
        var buffer = new byte[1275];
        for (var f = fromFrame; f < frames; f++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var i = 0; i < pcm.Length; i++)
            {
                var n = (f * AudioSourceFormat.FrameSamples) + i;
                pcm[i] = n < TotalSamples ? _signal(n) : 0f;
            }

            var length = encoder.Encode(pcm, AudioSourceFormat.FrameSamples, buffer, buffer.Length);

            // A fresh array per packet: the streamer holds packets while it reads ahead.
            yield return buffer.AsSpan(0, length).ToArray();
            await Task.Yield();
        }
    }
}
