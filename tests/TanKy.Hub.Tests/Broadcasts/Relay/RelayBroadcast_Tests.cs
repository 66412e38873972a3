using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TanKy.Hub.Broadcasts;
using TanKy.Hub.Broadcasts.Arbitration;
using TanKy.Hub.Broadcasts.Delivery;
using TanKy.Hub.Broadcasts.Relay;
using TanKy.Hub.Broadcasts.Streaming;
using TanKy.Hub.Shared;
using TanKy.Protocol;
using TanKy.Protocol.Audio;

namespace TanKy.Hub.Tests.Broadcasts.Relay;

/// <summary>
/// Relays through the broadcast service on the harness's fake clock and recording MQTT: the frames
/// on the wire, counted exactly, through a dropout and the fallback clip; preemption and the live point.
/// </summary>
public sealed class RelayBroadcast_Tests : IDisposable
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(20);
    private readonly BroadcastHarness _h = new();
    private readonly RelayTotals _totals = new();
    private readonly List<ScriptedFeed> _feeds = [];
    private Func<long, PcmFeedStatus> _script = _ => PcmFeedStatus.Audio;

    public RelayBroadcast_Tests()
    {
        var factory = new FakeFeedFactory(_ =>
        {
            var feed = new ScriptedFeed(k => _script(k));
            _feeds.Add(feed);
            return feed;
        });
        Relays = new RelayBroadcasts([factory], Options.Create(new RelayOptions { FallbackAfter = TimeSpan.FromSeconds(5) }), _h.Time, _totals, NullLogger<RelayBroadcasts>.Instance);
        var context = new StreamContext(_h.Mqtt, _h.Clock, Options.Create(new HubOptions()), Options.Create(_h.Options), _h.Archive, NullLogger<StreamSession>.Instance);
        Service = new BroadcastService(new ZoneArbiter(_h.Time, _h.Options.Lead), _h.Store, new DeliveryReporter(_h.Deliveries),
            new BroadcastValidator(_h.Dir.Zones, _h.Media, new FakeRelaySources(FakeRelaySources.Vov1)), new DeliveryTargets(_h.Dir.Devices, _h.Live),
            context, NullLogger<BroadcastService>.Instance, relays: Relays);
    }

    private RelayBroadcasts Relays { get; }

    private BroadcastService Service { get; }

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task A_30_s_relay_airs_exactly_1500_frames_source_then_5_s_of_silence_then_the_clip_then_the_source_again()
    {
        // 4 s of source, 24 s down, then the source again.
        _script = k => k is >= 200 and < 1400 ? PcmFeedStatus.Gap : PcmFeedStatus.Audio;

        var ticket = await Service.PlayAsync(Relay(TimeSpan.FromSeconds(30), fallback: "tin-1s"));
        await RunUntilIdleAsync(TimeSpan.FromSeconds(40));

        var frames = Frames(ticket.StreamId!);
        frames.Should().HaveCount(1500);
        Relays.Find(ticket.BroadcastId)!.Value.Relay.Counters.Snapshot().Should().Be(new RelayCounts(
            Dropouts: 1, FallbackSwitches: 1, SourceFrames: 200 + 51, SilentFrames: 250, FallbackFrames: 950 + 49));
        frames[450].ToArray().Should().Equal(InMemoryMedia.OneSecond.Packets[0].ToArray(), "the clip starts after 200 frames of source and 250 of silence");
        frames[1448].ToArray().Should().NotEqual(frames[1449].ToArray());
        Service.Get(ticket.BroadcastId)!.Should().Match<BroadcastRecord>(r => r.Status == BroadcastStatus.Finished && r.Title == "Tiếp sóng: VOV1 – Thời sự");
        (_totals.Dropouts, _totals.FallbackSwitches).Should().Be((1, 1));
        await WaitAsync(() => _feeds.Single().Disposed, "the feed closes when the broadcast ends");
    }

    [Fact]
    public async Task An_emergency_preempts_a_relay_which_resumes_at_the_live_point_and_counts_only_what_it_aired()
    {
        var relay = await Service.PlayAsync(Relay(TimeSpan.FromSeconds(10)));
        await RunClockAsync(TimeSpan.FromSeconds(2));

        var emergency = await Service.PlayAsync(new BroadcastRequest("tin-1s", BulletinClass.Emergency, ["khoi-1"], "van-hoa", "test"));
        await RunUntilIdleAsync(TimeSpan.FromSeconds(20));

        Service.Get(emergency.BroadcastId)!.Status.Should().Be(BroadcastStatus.Finished);
        Service.Decisions(relay.BroadcastId).Select(d => d.Kind).Should().Equal(DecisionKind.Aired, DecisionKind.Preempted, DecisionKind.Resumed, DecisionKind.Finished);
        var streams = _h.PlayOrders("play").Select(BroadcastHarness.StreamOf).Where(s => s != emergency.StreamId).Distinct().ToList();
        streams.Should().HaveCount(2);
        var before = Frames(streams[0]).Count;
        var after = Frames(streams[1]).Count;

        // The 10 s are counted on the clock from the first stream: the time preempted is not made up at the end.
        (before + after).Should().BeLessThan(500);
        var counts = Relays.Find(relay.BroadcastId)!.Value.Relay.Counters.Snapshot();
        // Counted as made: the streamer reads a packet ahead and batches 5 frames a message, so a cut stream made a few it did not send.
        counts.SourceFrames.Should().BeInRange(before + after, before + after + 12, "frames dropped after the pause were never aired");
        _feeds.Single().Frames.Should().BeGreaterThanOrEqualTo(500, "the resumed stream dropped what the source sent while the emergency played");
        Service.Get(relay.BroadcastId)!.Status.Should().Be(BroadcastStatus.Finished);
    }

    private static async Task WaitAsync(Func<bool> done, string what)
    {
        // The feed is closed on a task of its own after the broadcast ended: wait for it, boundedly.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!done())
        {
            timeout.IsCancellationRequested.Should().BeFalse(what);
            await Task.Delay(10);
        }
    }

    private BroadcastRequest Relay(TimeSpan? duration, string? fallback = null) =>
        new("", BulletinClass.Normal, ["khoi-1"], "van-hoa", "test", Relay: new RelayContent("vov1", duration, fallback));

    private List<ReadOnlyMemory<byte>> Frames(string streamId) =>
        _h.Mqtt.Published.Where(p => p.Topic.EndsWith("/stream/" + streamId, StringComparison.Ordinal))
            .Select(p => AudioFrameMessage.TryParse(p.Payload, out var m, out _) ? m! : throw new InvalidDataException("not a frame message"))
            .OrderBy(m => m.FirstSequence)
            .SelectMany(m => m.Packets)
            .ToList();

    private async Task RunClockAsync(TimeSpan total)
    {
        for (var elapsed = TimeSpan.Zero; elapsed < total; elapsed += Step)
        {
            await _h.Time.WaitParkedAsync(() => Service.RunningStreams);
            _h.Dir.Time.Advance(Step);
        }
    }

    private async Task RunUntilIdleAsync(TimeSpan limit)
    {
        for (var elapsed = TimeSpan.Zero; !Service.WhenStreamsEndedAsync().IsCompleted; elapsed += Step)
        {
            elapsed.Should().BeLessThan(limit, "the streams should have ended");
            await _h.Time.WaitParkedAsync(() => Service.RunningStreams);
            _h.Dir.Time.Advance(Step);
        }

        await Service.WhenStreamsEndedAsync();
    }
}
