using TanKy.Hub.Broadcasts.Relay;
using TanKy.Hub.Broadcasts.Sources;

namespace TanKy.Hub.Tests.Broadcasts.Relay;

/// <summary>
/// A feed that answers at once from a script: frame k is audio (a generated tone) or a gap as
/// <see cref="Script"/> says. With no waiting inside, the frames a relay sends are counted exactly.
/// </summary>
internal sealed class ScriptedFeed(Func<long, PcmFeedStatus> script, Func<long, float>? signal = null) : IPcmFeed
{
    private long _frame;
    private long _sample;

    public Func<long, PcmFeedStatus> Script { get; set; } = script;

    /// <summary>Frames read so far (the feed's own position: it moves on whether or not a stream airs them).</summary>
    public long Frames => Interlocked.Read(ref _frame);

    public bool Disposed { get; private set; }

    public PcmFeedStatusReport Status => new("http://127.0.0.1/fake", true, 0, -20);

    public ValueTask<PcmFeedStatus> ReadFrameAsync(Memory<float> frame, CancellationToken cancellationToken)
    {
        var status = Script(Interlocked.Increment(ref _frame) - 1);
        var span = frame.Span;
        for (var i = 0; i < span.Length; i++)
        {
            var n = _sample++;
            span[i] = status == PcmFeedStatus.Audio ? (signal ?? Tone)(n) : 0;
        }

        return ValueTask.FromResult(status);
    }

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }

    private static float Tone(long n) => (float)(0.1 * Math.Sin(2 * Math.PI * 440 * n / AudioSourceFormat.SampleRate));
}

/// <summary>A feed whose reads never complete (a stalled source): only the relay's frame clock makes frames.</summary>
internal sealed class StalledFeed : IPcmFeed
{
    public PcmFeedStatusReport Status => new(null, false, 1, null);

    public async ValueTask<PcmFeedStatus> ReadFrameAsync(Memory<float> frame, CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return PcmFeedStatus.Gap;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

internal sealed class FakeFeedFactory(Func<RelaySource, IPcmFeed> open) : IPcmFeedFactory
{
    public List<IPcmFeed> Opened { get; } = [];

    public IPcmFeed Open(RelaySource source)
    {
        var feed = open(source);
        lock (Opened)
        {
            Opened.Add(feed);
        }

        return feed;
    }
}

internal sealed class FakeRelaySources(params RelaySource[] sources) : IRelaySources
{
    public static readonly RelaySource Vov1 = new("vov1", "VOV1 – Thời sự", ["http://127.0.0.1:1/vov1"], DateTimeOffset.UnixEpoch);

    public RelaySource? Find(string id) => sources.FirstOrDefault(s => s.Id == id);

    public IReadOnlyList<RelaySource> List() => sources;
}
