using TanKy.Hub.Shared.Text;
using System.Text.Json;
using TanKy.Hub.Broadcasts;
using TanKy.Hub.Broadcasts.Archive;
using TanKy.Protocol;
using TanKy.Protocol.Audio;

namespace TanKy.Hub.Tests.Broadcasts;

public sealed class BroadcastService_Tests : IDisposable
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(20);
    private readonly BroadcastHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task An_emergency_preempts_a_normal_broadcast_in_its_zone_only_and_the_normal_one_resumes_as_a_new_stream()
    {
        var normal = await _h.Service.PlayAsync(BroadcastHarness.Request("tin-10s", zones: ["khoi-1", "xom-3"]));
        await _h.RunClockAsync(TimeSpan.FromMilliseconds(2_400), Step);

        var emergency = await _h.Service.PlayAsync(BroadcastHarness.Request("tin-1s", BulletinClass.Emergency, zones: "khoi-1"));

        _h.Service.Get(normal.BroadcastId)!.Status.Should().Be(BroadcastStatus.Playing, "it still plays in xom-3");
        var stops = await _h.Mqtt.WaitUntilAsync(p => p.Any(x => BroadcastHarness.IsPlayOrder(x) && StreamPacing_Tests.Op(x) == "stop"), "the stop for khoi-1");
        stops.Single(x => BroadcastHarness.IsPlayOrder(x) && StreamPacing_Tests.Op(x) == "stop").Topic.Should().EndWith("/zone/khoi-1/play");
        await _h.RunUntilIdleAsync(Step, TimeSpan.FromSeconds(20));

        var plays = _h.PlayOrders("play");
        var resumed = BroadcastHarness.StreamOf(plays[^1]);
        plays.Select(p => $"{p.Topic.Split('/')[4]} {BroadcastHarness.StreamOf(p)}").Should().Equal(
            $"khoi-1 {normal.StreamId}", $"xom-3 {normal.StreamId}", $"khoi-1 {emergency.StreamId}", $"khoi-1 {resumed}");
        resumed.Should().NotBe(normal.StreamId).And.NotBe(emergency.StreamId);
        var epochs = plays.Select(p => JsonDocument.Parse(p.Payload).RootElement.GetProperty("epoch").GetInt64()).Distinct().ToList();
        epochs.Should().HaveCount(3).And.BeInAscendingOrder();

        var firstResumed = _h.Mqtt.Published.First(p => p.Topic.EndsWith(resumed, StringComparison.Ordinal));
        AudioFrameMessage.TryParse(firstResumed.Payload, out var m, out _).Should().BeTrue();
        m!.FirstSequence.Should().Be(0u, "a new stream numbers its frames from 0");
        m.Packets[0].ToArray().Should().Equal(InMemoryMedia.TenSeconds.Packets[100].ToArray(), "it resumes at 2.000 s = frame 100");
        var record = _h.Service.Get(normal.BroadcastId)!;
        record.Status.Should().Be(BroadcastStatus.Finished);
        record.StreamId.Should().Be(resumed);
        _h.Service.Decisions(normal.BroadcastId).Select(d => $"{d.Kind} {d.Zone} {d.Offset.TotalMilliseconds}").Should().Equal(
            "Aired khoi-1 0", "Aired xom-3 0", "Preempted khoi-1 2000", "Resumed khoi-1 2000", "Finished xom-3 10000", "Finished khoi-1 10000");
        _h.Service.Get(emergency.BroadcastId)!.Status.Should().Be(BroadcastStatus.Finished);
    }

    [Fact]
    public async Task A_broadcast_plays_at_once_where_a_zone_is_free_and_later_where_it_had_to_queue()
    {
        var priority = await _h.Service.PlayAsync(BroadcastHarness.Request("tin-1s", BulletinClass.Priority, zones: "khoi-1"));
        var normal = await _h.Service.PlayAsync(BroadcastHarness.Request("tin-1s", zones: ["khoi-1", "xom-3"]));

        normal.StreamId.Should().NotBeNull();
        _h.Service.Get(normal.BroadcastId)!.Status.Should().Be(BroadcastStatus.Playing);
        _h.Service.InspectZone("khoi-1").Should().Match<Hub.Broadcasts.Arbitration.ZoneView>(v => v.Playing == priority.BroadcastId && v.Waiting.Single() == normal.BroadcastId);
        await _h.RunUntilIdleAsync(Step, TimeSpan.FromSeconds(10));

        var plays = _h.PlayOrders("play").Select(p => (Zone: p.Topic.Split('/')[4], Stream: BroadcastHarness.StreamOf(p))).ToList();
        // Sessions publish their play orders concurrently: assert the set, not the interleaving.
        plays.Should().HaveCount(3);
        plays.Should().Contain(("xom-3", normal.StreamId!));
        plays.Should().Contain(("khoi-1", priority.StreamId!));
        plays.Where(p => p.Zone == "khoi-1" && p.Stream != priority.StreamId).Should().ContainSingle()
            .Which.Stream.Should().NotBe(normal.StreamId, "the queued zone starts later as a new stream");
        _h.Service.Get(normal.BroadcastId)!.Status.Should().Be(BroadcastStatus.Finished);
        var decisions = _h.Service.Decisions(normal.BroadcastId).Select(d => $"{d.Kind} {d.Zone}").ToList();
        decisions.Take(2).Should().Equal("Queued khoi-1", "Aired xom-3");
        decisions.Skip(2).Take(2).Should().BeEquivalentTo("Finished xom-3", "Aired khoi-1");
        decisions[^1].Should().Be("Finished khoi-1");
        _h.Archive.List(new ArchiveQuery()).Where(a => a.BroadcastId == normal.BroadcastId).Should().ContainSingle("one archive per broadcast");
    }

    [Fact]
    public async Task Stopping_sends_stop_orders_at_once_and_keeps_what_was_archived_as_aborted()
    {
        var ticket = await _h.Service.PlayAsync(BroadcastHarness.Request("tin-10s"));
        await _h.RunClockAsync(TimeSpan.FromMilliseconds(1_000), Step);

        (await _h.Service.StopAsync(ticket.BroadcastId, "van-hoa")).Should().Be(StopResult.Stopped);
        await _h.Service.WhenStreamsEndedAsync();

        _h.PlayOrders("stop").Select(p => p.Topic.Split('/')[4]).Should().BeEquivalentTo("khoi-1", "xom-3");
        var record = _h.Service.Get(ticket.BroadcastId)!;
        record.Status.Should().Be(BroadcastStatus.Cancelled);
        record.EndReason.Should().Be("api2.end.stopped-by|van-hoa", "stored as a key and who stopped it");
        HubText.Default.Render(record.EndReason, "vi").Should().Be("van-hoa đã dừng bản tin");
        HubText.Default.Render(record.EndReason, "en").Should().Be("stopped by van-hoa");
        _h.Archive.Find(ticket.BroadcastId)!.Status.Should().Be(ArchiveStatus.Aborted);
        (await _h.Service.StopAsync(ticket.BroadcastId, "van-hoa")).Should().Be(StopResult.AlreadyEnded);
        (await _h.Service.StopAsync("bc-000000000000", "van-hoa")).Should().Be(StopResult.NotFound);
    }

    [Fact]
    public async Task A_skip_policy_broadcast_cut_everywhere_ends_as_preempted()
    {
        var normal = await _h.Service.PlayAsync(BroadcastHarness.Request("tin-10s", policy: PreemptionPolicy.Skip, zones: "xom-3"));
        await _h.RunClockAsync(TimeSpan.FromMilliseconds(600), Step);

        await _h.Service.PlayAsync(BroadcastHarness.Request("tin-1s", BulletinClass.Priority, zones: "xom-3"));
        await _h.RunUntilIdleAsync(Step, TimeSpan.FromSeconds(10));

        var record = _h.Service.Get(normal.BroadcastId)!;
        record.Status.Should().Be(BroadcastStatus.Preempted);
        HubText.Default.Render(record.EndReason, "en").Should().StartWith("skipped after preemption");
        record.EndedAt.Should().NotBeNull();
    }

    [Theory]
    [InlineData("nope", new[] { "khoi-1" }, null, "unknown media 'nope'")]
    [InlineData("tin-1s", new[] { "khoi-1", "xom-9" }, null, "unknown zone(s): xom-9")]
    [InlineData("tin-1s", new string[0], null, "no zone given")]
    [InlineData("tin-1s", new[] { "khoi-1" }, 101, "volume 101 is outside 0–100")]
    public async Task Invalid_requests_are_refused_with_a_reason_and_nothing_is_stored(string media, string[] zones, int? volume, string reason)
    {
        var act = () => _h.Service.PlayAsync(BroadcastHarness.Request(media) with { Zones = zones, Volume = volume });

        (await act.Should().ThrowAsync<BroadcastRequestException>()).WithMessage(reason);
        _h.Service.List(10).Should().BeEmpty();
        _h.Mqtt.Published.Should().BeEmpty();
    }

    [Fact]
    public async Task A_failing_archive_or_source_ends_only_its_own_broadcast()
    {
        using var h = new BroadcastHarness(archive: a => new FailingArchive(a, "Hỏng đĩa"));
        h.Media.Add("hong-dia", InMemoryMedia.OneSecond with { Title = "Hỏng đĩa" });
        h.Media.Add("hong-nguon", InMemoryMedia.OneSecond with { Title = "Hỏng nguồn", Packets = new BrokenPackets(InMemoryMedia.OneSecond.Packets, 12) });

        var noArchive = await h.Service.PlayAsync(BroadcastHarness.Request("hong-dia", zones: "khoi-1"));
        var badSource = await h.Service.PlayAsync(BroadcastHarness.Request("hong-nguon", BulletinClass.Priority, zones: "xom-3"));
        await h.RunUntilIdleAsync(Step, TimeSpan.FromSeconds(10));

        h.Service.Get(noArchive.BroadcastId)!.Status.Should().Be(BroadcastStatus.Finished, "archiving is never a reason to stop a broadcast");
        h.Mqtt.Published.Count(p => p.Topic.EndsWith(noArchive.StreamId!, StringComparison.Ordinal)).Should().Be(11);
        var failed = h.Service.Get(badSource.BroadcastId)!;
        failed.Status.Should().Be(BroadcastStatus.Failed);
        HubText.Default.Render(failed.EndReason, "en").Should().Be("playback error (details in the hub log)", "the exception's words are for the log");
        h.PlayOrders("stop").Select(BroadcastHarness.StreamOf).Should().Contain(badSource.StreamId, "nodes are told to stop a failed stream");
    }

    [Fact]
    public async Task Lifecycle_hooks_hear_a_streams_start_before_its_broadcasts_end_even_when_the_end_comes_first()
    {
        // The stream fails at once (no play order can be published) on its own task, while the
        // start is still being told to the hooks: the end must wait its turn. The gateway relay
        // hears start then end, or it is left holding the amplifier on.
        using var h = new BroadcastHarness(new BroadcastOptions { StopRepeat = 1 });
        h.Mqtt.Fails = topic => topic.EndsWith("/play", StringComparison.Ordinal);
        var hook = new SlowStartHook(h);
        h.NewService(() => [hook]);

        var ticket = await h.Service.PlayAsync(BroadcastHarness.Request(zones: "khoi-1"));
        await h.Service.WhenStreamsEndedAsync();

        h.Service.Get(ticket.BroadcastId)!.Status.Should().Be(BroadcastStatus.Failed);
        hook.Events.Should().Equal($"started {ticket.BroadcastId} khoi-1", $"ended {ticket.BroadcastId} {BroadcastStatus.Failed}");
    }

    /// <summary>Returns from a stream's start only once its broadcast has ended in the store.</summary>
    private sealed class SlowStartHook(BroadcastHarness h) : IBroadcastLifecycle
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _events = new();

        public IReadOnlyList<string> Events => [.. _events];

        public void OnStreamStarted(BroadcastRecord record, IReadOnlyList<string> zones, DateTimeOffset playoutStart)
        {
            SpinWait.SpinUntil(() => h.Store.Get(record.Id)?.Status == BroadcastStatus.Failed, TimeSpan.FromSeconds(20))
                .Should().BeTrue("the stream fails on its own task while its start is being told");
            _events.Enqueue($"started {record.Id} {string.Join(',', zones)}");
        }

        public void OnEnded(BroadcastRecord record, string status) => _events.Enqueue($"ended {record.Id} {status}");
    }

    private sealed class FailingArchive(IBroadcastArchive inner, string failingTitle) : IBroadcastArchive
    {
        public Task<IArchiveRecording> BeginAsync(ArchiveEntry entry, CancellationToken ct = default) =>
            entry.Title == failingTitle ? throw new IOException("disk full") : inner.BeginAsync(entry, ct);

        public IReadOnlyList<ArchiveRecord> List(ArchiveQuery query) => inner.List(query);

        public ArchiveRecord? Find(string broadcastId) => inner.Find(broadcastId);

        public string GetFullPath(ArchiveRecord record) => inner.GetFullPath(record);
    }

    private sealed class BrokenPackets(IReadOnlyList<ReadOnlyMemory<byte>> inner, int brokenAt) : IReadOnlyList<ReadOnlyMemory<byte>>
    {
        public int Count => inner.Count;

        public ReadOnlyMemory<byte> this[int index] => index == brokenAt ? throw new InvalidDataException("broken packet") : inner[index];

        public IEnumerator<ReadOnlyMemory<byte>> GetEnumerator() => inner.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
