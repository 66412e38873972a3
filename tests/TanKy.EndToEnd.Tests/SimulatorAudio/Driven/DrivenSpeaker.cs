using TanKy.DeviceSim.Audio;
using TanKy.DeviceSim.Clock;
using TanKy.Protocol.Messages;

namespace TanKy.EndToEnd.Tests.SimulatorAudio.Driven;

/// <summary>
/// A speaker's player (the simulator's real <see cref="SpeakerPlayer"/>) on a driven clock, with no
/// broker in between: the test hands it play orders and frame messages at chosen clock times. Its
/// clock is offset and drifting like a real node's; its hub-clock estimate comes from exchanges
/// with zero network delay, so the sync error is nil and every count and time is exact. All those
/// exchanges are at one instant, so the estimator sees no drift: a drifting speaker is synchronised
/// with <see cref="DrivenSync.SyncOn"/> instead (<c>syncSamples: 0</c>).
/// </summary>
internal sealed class DrivenSpeaker : IDisposable
{
    private readonly Dictionary<string, CapturingSink> _sinks = [];
    private readonly List<PlaybackNotice> _notices = [];

    public DrivenSpeaker(DrivenClock clock, string id = "loa-driven", TimeSpan offset = default, double driftPpm = 0,
        Func<long, bool>? loseFrame = null, IReadOnlyCollection<string>? codecs = null, int syncSamples = 64)
    {
        Id = id;
        View = new HubClockView(new NodeClock(clock.Time, offset, driftPpm));
        for (var i = 0; i < syncSamples; i++)
        {
            // t1 = t4 on the node clock, t2 = t3 on the hub clock: a zero-delay exchange.
            var local = View.Clock.NowMicros;
            var hub = clock.NowMicros;
            View.Add(local, hub, hub, local);
        }

        Player = new SpeakerPlayer(id, View, codecs ?? ["opus"], (_, stream) => _sinks[stream] = new CapturingSink(), loseFrame, Counters, n =>
        {
            _notices.Add(n);
            Noticed?.Invoke(n);
        });
    }

    public string Id { get; }

    public HubClockView View { get; }

    public SpeakerPlayer Player { get; }

    public AudioCounters Counters { get; } = new();

    public IReadOnlyList<PlaybackNotice> Notices => _notices;

    /// <summary>Called with each notice as the player raises it (a node turns them into events).</summary>
    public Action<PlaybackNotice>? Noticed { get; set; }

    /// <summary>The play order a zone's speakers get (protocol.md §4.8).</summary>
    public void Order(string stream, uint? epoch, string playbackClass = "normal", long? start = null, string codec = "opus") =>
        Player.OnOrder(new PlayOrderMessage { V = 1, Op = "play", Stream = stream, Class = playbackClass, Codec = codec, Epoch = epoch, Start = start });

    public void Stop(string stream) => Player.OnOrder(new PlayOrderMessage { V = 1, Op = "stop", Stream = stream });

    public void Frames(string topicStream, byte[] message) => Player.OnFrames(topicStream, message);

    /// <summary>The last notice of <paramref name="kind"/> for <paramref name="stream"/>, or null.</summary>
    public PlaybackNotice? Last(PlaybackNoticeKind kind, string stream) =>
        _notices.LastOrDefault(n => n.Kind == kind && n.Stats.StreamId == stream);

    /// <summary>The finished stats of <paramref name="stream"/>; fails the test when it has not finished.</summary>
    public PlaybackStats Finished(string stream) =>
        Last(PlaybackNoticeKind.Finished, stream)?.Stats ?? throw new Xunit.Sdk.XunitException($"{Id}: {stream} has not finished");

    /// <summary>What the speaker output for <paramref name="stream"/>, or null when it never opened a sink.</summary>
    public float[]? Output(string stream) => _sinks.TryGetValue(stream, out var sink) ? sink.Samples : null;

    public void Dispose() => Player.Dispose();
}
