using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TanKy.Hub.Broadcasts.Relay;
using TanKy.Hub.Broadcasts.Sources;

namespace TanKy.Hub.Tests.Broadcasts.Relay;

/// <summary>The relay source on a driven clock: duration, gaps on the frame clock, the live point after a pause, closing.</summary>
public sealed class RelayAudioSource_Tests
{
    private static readonly TimeSpan Frame = AudioSourceFormat.FrameDuration;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 8, 5, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_relay_of_10_s_is_exactly_500_frames_of_levelled_source_then_the_stream_ends()
    {
        var feed = new ScriptedFeed(_ => PcmFeedStatus.Audio);
        await using var relay = Relay(feed, TimeSpan.FromSeconds(10));

        var packets = await ReadAllAsync(relay);

        packets.Should().HaveCount(500);
        relay.Counters.Snapshot().Should().Be(new RelayCounts(0, 0, 500, 0, 0));
        relay.IsLive.Should().BeTrue();
        relay.TotalSamples.Should().BeNull();
        relay.Title.Should().Be("Tiếp sóng: VOV1 – Thời sự");
    }

    [Fact]
    public async Task A_stalled_feed_yields_a_silent_frame_each_time_the_frame_clock_passes_its_slot_and_slack()
    {
        await using var relay = Relay(new StalledFeed(), duration: null);
        await using var packets = relay.ReadPacketsAsync(0, CancellationToken.None).GetAsyncEnumerator();

        var first = packets.MoveNextAsync().AsTask();
        _time.Advance(Frame + TimeSpan.FromMilliseconds(59));
        first.IsCompleted.Should().BeFalse("a frame waits for its slot plus 60 ms of slack");
        _time.Advance(TimeSpan.FromMilliseconds(1));
        (await first).Should().BeTrue();
        packets.Current.Length.Should().BeGreaterThan(0);

        for (var i = 0; i < 24; i++)
        {
            var next = packets.MoveNextAsync().AsTask();
            _time.Advance(Frame);
            (await next).Should().BeTrue();
        }

        relay.Counters.Snapshot().Should().Be(new RelayCounts(Dropouts: 1, FallbackSwitches: 0, SourceFrames: 0, SilentFrames: 25, FallbackFrames: 0));
        relay.Mode.Should().Be(RelayMode.Silence);
    }

    [Fact]
    public async Task A_stream_started_again_after_a_pause_starts_at_the_live_point_and_only_aired_frames_count()
    {
        var feed = new ScriptedFeed(_ => PcmFeedStatus.Audio);
        await using var relay = Relay(feed, duration: null);

        await ReadAsync(relay, 100);
        feed.Frames.Should().Be(100);

        // Preempted for 10 s: nothing reads the feed meanwhile (the scripted one holds every frame, like a backlog).
        _time.Advance(TimeSpan.FromSeconds(10));
        feed.Frames.Should().Be(100);

        await ReadAsync(relay, 100);

        // The 500 frames of the pause are dropped first: the resumed stream airs what the source sends now.
        feed.Frames.Should().Be(100 + 500 + 100);
        relay.Counters.SourceFrames.Should().Be(200, "frames dropped after the pause were never aired");
    }

    [Fact]
    public async Task Two_streams_of_one_relay_share_the_frames_and_the_later_one_joins_at_the_newest()
    {
        var feed = new ScriptedFeed(_ => PcmFeedStatus.Audio);
        await using var relay = Relay(feed, duration: null);
        await using var a = relay.ReadPacketsAsync(0, CancellationToken.None).GetAsyncEnumerator();
        for (var i = 0; i < 50; i++)
        {
            (await a.MoveNextAsync()).Should().BeTrue();
        }

        await using var b = relay.ReadPacketsAsync(0, CancellationToken.None).GetAsyncEnumerator();
        var fromA = new List<byte[]>();
        var fromB = new List<byte[]>();
        for (var i = 0; i < 20; i++)
        {
            (await b.MoveNextAsync()).Should().BeTrue();
            fromB.Add(b.Current.ToArray());
            (await a.MoveNextAsync()).Should().BeTrue();
            fromA.Add(a.Current.ToArray());
        }

        fromB.Should().Equal(fromA, (x, y) => x.SequenceEqual(y));
        feed.Frames.Should().Be(70, "each frame is read from the source once");
    }

    [Fact]
    public async Task Closing_the_relay_ends_a_stream_reading_it_and_disposes_the_feed()
    {
        var feed = new ScriptedFeed(_ => PcmFeedStatus.Audio);
        var relay = Relay(feed, duration: null);
        await ReadAsync(relay, 10);

        await relay.DisposeAsync();

        feed.Disposed.Should().BeTrue();
        (await ReadAllAsync(relay)).Should().BeEmpty();
    }

    private RelayAudioSource Relay(IPcmFeed feed, TimeSpan? duration) =>
        new(FakeRelaySources.Vov1, new RelayContent("vov1", duration), "Tiếp sóng: VOV1 – Thời sự", new FakeFeedFactory(_ => feed), null,
            new RelayOptions(), _time, new RelayTotals(), NullLogger.Instance);

    private static async Task ReadAsync(RelayAudioSource relay, int frames)
    {
        await using var packets = relay.ReadPacketsAsync(0, CancellationToken.None).GetAsyncEnumerator();
        for (var i = 0; i < frames; i++)
        {
            (await packets.MoveNextAsync()).Should().BeTrue();
        }
    }

    private static async Task<List<ReadOnlyMemory<byte>>> ReadAllAsync(RelayAudioSource relay)
    {
        var list = new List<ReadOnlyMemory<byte>>();
        await foreach (var p in relay.ReadPacketsAsync(0, CancellationToken.None))
        {
            list.Add(p);
        }

        return list;
    }
}
