using System.Runtime.CompilerServices;
using System.Threading.Channels;
using TanKy.Hub.Broadcasts.Sources;

namespace TanKy.Hub.Broadcasts.Live;

/// <summary>
/// Live audio (browser microphone, sound card) as an <see cref="IAudioSource"/>: 20 ms Opus packets
/// are written as they are produced and read on a frame clock. When the producer falls behind, a
/// frame that is not there by its time plus <see cref="Slack"/> goes out empty (the nodes conceal
/// it) so the stream keeps its play-out clock; a backlog is bounded by dropping the oldest packets,
/// so a burst after a network stall cannot make the delay grow. A stream that starts again after a
/// preemption drops what queued meanwhile: live is live.
/// </summary>
public sealed class LiveAudioSource(string title, TimeProvider time, int preSkip) : IAudioSource
{
    /// <summary>Packets kept while the reader is behind (300 ms).</summary>
    public const int MaxBacklog = 15;

    private static readonly TimeSpan Frame = AudioSourceFormat.FrameDuration;
    private readonly Channel<ReadOnlyMemory<byte>> _packets = Channel.CreateBounded<ReadOnlyMemory<byte>>(
        new BoundedChannelOptions(MaxBacklog) { FullMode = BoundedChannelFullMode.DropOldest, SingleWriter = true });

    private int _streams;
    private long _written;
    private long _empty;

    /// <summary>How late a packet may be before its frame goes out empty.</summary>
    public TimeSpan Slack { get; init; } = TimeSpan.FromMilliseconds(60);

    public string Title { get; } = title;

    public long? TotalSamples => null;

    public int PreSkip { get; } = preSkip;

    public bool IsLive => true;

    /// <summary>Packets written by the producer.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Frames sent empty because no packet was there in time.</summary>
    public long EmptyFrames => Interlocked.Read(ref _empty);

    public bool Completed { get; private set; }

    public void Write(ReadOnlyMemory<byte> packet)
    {
        Interlocked.Increment(ref _written);
        _packets.Writer.TryWrite(packet);
    }

    /// <summary>The producer is done (socket closed, process ended): the stream ends after what is queued.</summary>
    public void Complete()
    {
        Completed = true;
        _packets.Writer.TryComplete();
    }

    public async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadPacketsAsync(long fromFrame, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _streams) > 1)
        {
            while (_packets.Reader.TryRead(out _))
            {
            }
        }

        var reader = _packets.Reader;
        var start = time.GetUtcNow();
        for (long i = 0; ; i++)
        {
            if (reader.TryRead(out var packet))
            {
                yield return packet;
                continue;
            }

            if (reader.Completion.IsCompleted)
            {
                yield break;
            }

            var wait = start + (Frame * (i + 1)) + Slack - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                var ready = reader.WaitToReadAsync(cancellationToken).AsTask();
                await Task.WhenAny(ready, Task.Delay(wait, time, cancellationToken));
                cancellationToken.ThrowIfCancellationRequested();
                if (reader.TryRead(out packet))
                {
                    yield return packet;
                    continue;
                }

                if (reader.Completion.IsCompleted)
                {
                    yield break;
                }
            }

            Interlocked.Increment(ref _empty);
            yield return ReadOnlyMemory<byte>.Empty;
        }
    }
}
