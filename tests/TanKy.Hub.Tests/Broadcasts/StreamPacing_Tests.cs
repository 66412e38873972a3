using System.Text.Json;
using TanKy.Hub.Broadcasts;
using TanKy.Hub.Broadcasts.Clock;
using TanKy.Hub.Broadcasts.Archive;
using TanKy.Protocol.Audio;

namespace TanKy.Hub.Tests.Broadcasts;

public sealed class StreamPacing_Tests : IDisposable
{
    private const long Lead = 400_000;
    private const long MessageUs = 100_000;
    private readonly BroadcastHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Play_orders_go_first_then_frames_are_published_exactly_a_lead_ahead_then_stop_after_the_last_frame_played()
    {
        var t0 = _h.Clock.NowMicros;
        var packets = InMemoryMedia.OneSecond.Packets.Count;
        var messages = (packets + 4) / 5;

        var ticket = await _h.Service.PlayAsync(BroadcastHarness.Request());
        int Due(long now) => (int)Math.Min(messages, ((now - t0) / MessageUs) + 1);
        await _h.Mqtt.WaitUntilAsync(p => p.Count(BroadcastHarness.IsStream) == 1, "the first message at once");
        await _h.RunClockAsync(TimeSpan.FromMilliseconds(1_700), TimeSpan.FromMilliseconds(10), Due);
        var all = await _h.Mqtt.WaitUntilAsync(p => p.Count(x => BroadcastHarness.IsPlayOrder(x) && Op(x) == "stop") == 2, "the stop orders");

        all.Take(2).Should().OnlyContain(p => BroadcastHarness.IsPlayOrder(p) && Op(p) == "play" && p.Qos == 1 && !p.Retain && p.AtUs == t0);
        all.Take(2).Select(p => p.Topic).Should().BeEquivalentTo("tanky/v1/tan-ky/zone/khoi-1/play", "tanky/v1/tan-ky/zone/xom-3/play");
        var play = JsonDocument.Parse(all[0].Payload).RootElement;
        play.GetProperty("stream").GetString().Should().Be(ticket.StreamId).And.MatchRegex("^b-[0-9a-f]{16}$");
        play.GetProperty("class").GetString().Should().Be("normal");
        play.GetProperty("codec").GetString().Should().Be("opus");
        play.GetProperty("start").GetInt64().Should().Be(t0 + Lead);
        play.GetProperty("volume").GetInt32().Should().Be(80);
        var epoch = play.GetProperty("epoch").GetInt64();

        var frames = all.Where(BroadcastHarness.IsStream).ToList();
        frames.Should().HaveCount(messages).And.OnlyContain(p => p.Topic == "tanky/v1/tan-ky/stream/" + ticket.StreamId && p.Qos == 0 && !p.Retain);
        for (var k = 0; k < frames.Count; k++)
        {
            AudioFrameMessage.TryParse(frames[k].Payload, out var m, out var error).Should().BeTrue(error);
            m!.FirstSequence.Should().Be((uint)(k * 5));
            m.FrameCount.Should().Be(k < messages - 1 ? 5 : packets - (5 * (messages - 1)));
            m.FirstPlayoutMicros.Should().Be(t0 + Lead + (k * MessageUs));
            m.PlayoutMicrosOf(1).Should().Be(m.FirstPlayoutMicros + 20_000);
            m.StreamHash.Should().Be(StreamIdHash.Compute(ticket.StreamId!));
            m.Epoch.Should().Be((uint)epoch);
            m.IsEndOfStream.Should().Be(k == messages - 1);
            frames[k].AtUs.Should().Be(m.FirstPlayoutMicros - Lead, "message {0} goes out exactly a lead ahead, never earlier", k);
            m.Packets.Select(x => x.ToArray()).Should().BeEquivalentTo(InMemoryMedia.OneSecond.Packets.Skip(k * 5).Take(5).Select(x => x.ToArray()), o => o.WithStrictOrdering());
        }

        var endOfPlay = t0 + Lead + (packets * 20_000L);
        var stops = all.Where(p => BroadcastHarness.IsPlayOrder(p) && Op(p) == "stop").ToList();
        stops.Should().OnlyContain(p => p.AtUs == endOfPlay + 100_000 && p.Qos == 1);
        all.ToList().IndexOf(stops[0]).Should().BeGreaterThan(all.ToList().IndexOf(frames[^1]));
        JsonDocument.Parse(stops[0].Payload).RootElement.GetProperty("stream").GetString().Should().Be(ticket.StreamId);
    }

    [Fact]
    public async Task A_finished_broadcast_is_archived_complete_and_recorded_as_finished()
    {
        var ticket = await _h.Service.PlayAsync(BroadcastHarness.Request());
        await _h.RunClockAsync(TimeSpan.FromMilliseconds(1_700), TimeSpan.FromMilliseconds(50));
        await _h.Mqtt.WaitUntilAsync(p => p.Count(x => BroadcastHarness.IsPlayOrder(x) && Op(x) == "stop") == 2, "the stop orders");
        await _h.Service.WhenStreamsEndedAsync();
        var record = _h.Service.Get(ticket.BroadcastId)!;

        record.Status.Should().Be(BroadcastStatus.Finished);
        record.StreamId.Should().Be(ticket.StreamId);
        record.Title.Should().Be(InMemoryMedia.OneSecond.Title);
        var archived = _h.Archive.Find(ticket.BroadcastId)!;
        archived.Status.Should().Be(ArchiveStatus.Complete);
        archived.Zones.Should().Equal("khoi-1", "xom-3");
        archived.Operator.Should().Be("van-hoa");
        archived.DurationMs.Should().Be(1000);
        var file = OggOpusReader.ReadFile(_h.Archive.GetFullPath(archived));
        file.HasEndOfStream.Should().BeTrue();
        file.AudioPacketCount.Should().Be(InMemoryMedia.OneSecond.Packets.Count);
        file.Head.PreSkip.Should().Be((ushort)InMemoryMedia.OneSecond.PreSkip);
        _h.Service.Decisions(ticket.BroadcastId).Select(d => $"{d.Kind} {d.Zone}").Should().Equal("Aired khoi-1", "Aired xom-3", "Finished khoi-1", "Finished xom-3");
    }

    [Fact]
    public async Task Epochs_strictly_increase_across_broadcasts_and_a_restart()
    {
        var epochs = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var ticket = await _h.Service.PlayAsync(BroadcastHarness.Request(zones: "khoi-1"));
            epochs.Add(_h.Service.Get(ticket.BroadcastId)!.Epoch!.Value);
            await _h.Service.StopAsync(ticket.BroadcastId, "van-hoa");
        }

        _h.NewService();
        var after = await _h.Service.PlayAsync(BroadcastHarness.Request(zones: "xom-3"));
        epochs.Add(_h.Service.Get(after.BroadcastId)!.Epoch!.Value);

        epochs.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        epochs[0].Should().BeGreaterThanOrEqualTo(_h.Dir.Time.GetUtcNow().ToUnixTimeSeconds(), "an epoch is at least the Unix time in seconds");
    }

    [Fact]
    public async Task Frames_per_message_and_lead_come_from_the_options()
    {
        using var h = new BroadcastHarness(new BroadcastOptions { LeadMs = 200, FramesPerMessage = 2 });
        var t0 = h.Clock.NowMicros;
        await h.Service.PlayAsync(BroadcastHarness.Request(zones: "khoi-1"));
        var first = await h.Mqtt.WaitUntilAsync(p => p.Count(BroadcastHarness.IsStream) == 1, "first message");

        AudioFrameMessage.TryParse(first.First(BroadcastHarness.IsStream).Payload, out var m, out _).Should().BeTrue();
        m!.FrameCount.Should().Be(2);
        m.FirstPlayoutMicros.Should().Be(t0 + 200_000);
        await h.Time.WaitParkedAsync(() => 1);
        h.Dir.Time.Advance(TimeSpan.FromMilliseconds(39));
        h.Mqtt.Published.Count(BroadcastHarness.IsStream).Should().Be(1, "the next message is due 40 ms later, not earlier");
        await h.Time.WaitParkedAsync(() => 1);
        h.Dir.Time.Advance(TimeSpan.FromMilliseconds(1));
        await h.Mqtt.WaitUntilAsync(p => p.Count(BroadcastHarness.IsStream) == 2, "second message at +40 ms");
    }

    internal static string? Op(Published p) => JsonDocument.Parse(p.Payload).RootElement.GetProperty("op").GetString();

    [Theory]
    [InlineData(2_000_000, true)]
    [InlineData(100_000, false)]
    public async Task A_scheduled_airing_plays_its_first_sample_at_its_airtime_when_that_is_beyond_a_lead(long airtimeFromNowUs, bool pinned)
    {
        var t0 = _h.Clock.NowMicros;
        var airtime = HubClock.FromMicros(t0 + airtimeFromNowUs);
        var preSkipUs = InMemoryMedia.OneSecond.PreSkip * 1_000_000L / 48_000;

        await _h.Service.PlayAsync(BroadcastHarness.Request() with { FirstSoundAt = airtime });
        var order = await _h.Mqtt.WaitUntilAsync(p => p.Any(BroadcastHarness.IsPlayOrder), "the play order");

        var start = JsonDocument.Parse(order.First(BroadcastHarness.IsPlayOrder).Payload).RootElement.GetProperty("start").GetInt64();
        start.Should().Be(pinned ? t0 + airtimeFromNowUs - preSkipUs : t0 + Lead, pinned
            ? "pre-cached speakers play the first sample after pre-skip at the airtime; the live stream must match them"
            : "an airtime closer than a lead cannot be met: as soon as possible");
    }
}
