using System.Text.Json.Nodes;
using TanKy.Hub.Broker;
using TanKy.Hub.Devices;
using TanKy.Protocol;
using TanKy.Protocol.Messages;

namespace TanKy.Hub.Tests.Broadcasts;

public sealed class DeliveryTracker_Tests : IDisposable
{
    private readonly BroadcastHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Playback_events_become_a_delivery_report()
    {
        _h.Live.Find("loa-khoi-1-a")!.Status = DeviceStatus.Online;
        var requestedUs = _h.Clock.NowMicros;
        var ticket = await _h.Service.PlayAsync(BroadcastHarness.Request());
        var intended = requestedUs + 400_000;
        var tracker = _h.NewTracker();

        await SendAsync(tracker, "loa-khoi-1-a", "playback.started", ticket.StreamId!, new JsonObject { ["intended_us"] = intended, ["actual_us"] = intended + 850, ["error_us"] = 850 });
        await SendAsync(tracker, "loa-khoi-1-a", "playback.underrun", ticket.StreamId!, null);
        await SendAsync(tracker, "loa-khoi-1-a", "playback.finished", ticket.StreamId!,
            new JsonObject { ["played"] = 49, ["concealed"] = 2, ["late"] = 1, ["fec"] = 1, ["error_us"] = 850, ["reason"] = "end" });
        await SendAsync(tracker, "loa-khoi-1-a", "playback.started", "b-ffffffffffffffff", new JsonObject { ["intended_us"] = 1 });
        var report = _h.Service.GetDeliveryReport(ticket.BroadcastId);

        report.Targeted.Should().Be(2);
        report.OfflineAtStart.Should().Be(1);
        report.Started.Should().Be(1);
        report.Finished.Should().Be(1);
        report.Pending.Should().Be(0);
        var a = report.Nodes.Single(n => n.DeviceId == "loa-khoi-1-a");
        a.Should().BeEquivalentTo(new { Zone = "khoi-1", OnlineAtStart = true, Outcome = "finished", StartErrorUs = 850L, TriggerToSoundUs = 400_850L, FramesPlayed = 49L, FramesConcealed = 2L, FramesLate = 1L, FecRecovered = 1L, Underruns = 1 });
        report.Nodes.Single(n => n.DeviceId == "loa-xom-3-a").Should().BeEquivalentTo(new { Zone = "xom-3", OnlineAtStart = false, Outcome = "offline", StartErrorUs = (long?)null });
        report.StartErrorMaxAbsUs.Should().Be(850);
        report.TriggerToSoundMaxUs.Should().Be(400_850);
    }

    [Theory]
    [InlineData("stop", "stopped")]
    [InlineData("timeout", "timeout")]
    [InlineData("preempted", "preempted")]
    [InlineData("end", "finished")]
    [InlineData(null, "finished")]
    public async Task The_finish_reason_sets_the_node_outcome(string? reason, string outcome)
    {
        var ticket = await _h.Service.PlayAsync(BroadcastHarness.Request(zones: "xom-3"));
        var tracker = _h.NewTracker();

        await SendAsync(tracker, "loa-xom-3-a", "playback.started", ticket.StreamId!, new JsonObject { ["intended_us"] = 5, ["actual_us"] = 3 });
        await SendAsync(tracker, "loa-xom-3-a", "playback.finished", ticket.StreamId!, new JsonObject { ["played"] = "many", ["reason"] = reason });

        var node = _h.Service.GetDeliveryReport(ticket.BroadcastId).Nodes.Single();
        node.Outcome.Should().Be(outcome);
        node.StartErrorUs.Should().Be(-2, "error_us is derived from actual − intended when a node leaves it out");
        node.FramesPlayed.Should().Be(0, "a count of the wrong type is ignored");
    }

    [Fact]
    public async Task A_speaker_that_was_not_targeted_but_played_still_appears()
    {
        var ticket = await _h.Service.PlayAsync(BroadcastHarness.Request(zones: "xom-3"));
        _h.Dir.Devices.Add(new NewDevice("loa-xom-3-b", DeviceKind.Speaker, ["xom-3"]));

        await SendAsync(_h.NewTracker(), "loa-xom-3-b", "playback.started", ticket.StreamId!, new JsonObject { ["intended_us"] = 10, ["actual_us"] = 12 });

        _h.Service.GetDeliveryReport(ticket.BroadcastId).Nodes.Select(n => $"{n.DeviceId} {n.Outcome}").Should().BeEquivalentTo("loa-xom-3-a offline", "loa-xom-3-b started");
    }

    [Theory]
    [InlineData("stop", "preempted")]
    [InlineData("timeout", "preempted")]
    [InlineData("preempted", "preempted")]
    [InlineData("end", "finished")]
    public async Task A_node_of_a_stream_the_hub_cut_for_a_higher_class_is_preempted_whatever_reason_it_reports(string reason, string outcome)
    {
        _h.Live.Find("loa-khoi-1-a")!.Status = DeviceStatus.Online;
        var normal = await _h.Service.PlayAsync(BroadcastHarness.Request("tin-10s", policy: PreemptionPolicy.Skip, zones: "khoi-1"));
        var tracker = _h.NewTracker();
        await SendAsync(tracker, "loa-khoi-1-a", "playback.started", normal.StreamId!, new JsonObject { ["intended_us"] = 10, ["actual_us"] = 10 });

        // protocol.md §4.8: the hub sends the cut stream's stop before the emergency's play, so the
        // node usually says "stop" — it cannot know why.
        await _h.Service.PlayAsync(BroadcastHarness.Request("tin-1s", BulletinClass.Emergency, zones: "khoi-1"));
        await _h.Mqtt.WaitUntilAsync(p => p.Any(x => BroadcastHarness.IsPlayOrder(x) && StreamPacing_Tests.Op(x) == "stop"), "the stop for khoi-1");
        await SendAsync(tracker, "loa-khoi-1-a", "playback.finished", normal.StreamId!, new JsonObject { ["played"] = 20, ["concealed"] = 0, ["late"] = 0, ["fec"] = 0, ["reason"] = reason });

        var node = _h.Service.GetDeliveryReport(normal.BroadcastId).Nodes.Single();
        node.Outcome.Should().Be(outcome, "the hub knows it cut this stream for a higher class; a node that played to the end keeps finished");
        node.FramesPlayed.Should().Be(20);
    }

    [Fact]
    public async Task A_stream_stopped_by_an_operator_stays_stopped()
    {
        _h.Live.Find("loa-khoi-1-a")!.Status = DeviceStatus.Online;
        var normal = await _h.Service.PlayAsync(BroadcastHarness.Request("tin-10s", zones: "khoi-1"));
        var tracker = _h.NewTracker();
        await SendAsync(tracker, "loa-khoi-1-a", "playback.started", normal.StreamId!, new JsonObject { ["intended_us"] = 10, ["actual_us"] = 10 });

        await _h.Service.StopAsync(normal.BroadcastId, "van-hoa");
        await SendAsync(tracker, "loa-khoi-1-a", "playback.finished", normal.StreamId!, new JsonObject { ["played"] = 5, ["reason"] = "stop" });

        _h.Service.GetDeliveryReport(normal.BroadcastId).Nodes.Single().Outcome.Should().Be("stopped", "no higher class cut it");
    }

    [Fact]
    public async Task A_refused_play_order_is_the_nodes_outcome_with_its_reason()
    {
        _h.Live.Find("loa-khoi-1-a")!.Status = DeviceStatus.Online;
        _h.Live.Find("loa-xom-3-a")!.Status = DeviceStatus.Online;
        var ticket = await _h.Service.PlayAsync(BroadcastHarness.Request());
        var tracker = _h.NewTracker();

        await SendAsync(tracker, "loa-khoi-1-a", "playback.refused", ticket.StreamId!, new JsonObject { ["reason"] = "codec", ["codec"] = "aac" });
        await SendAsync(tracker, "loa-xom-3-a", "playback.refused", ticket.StreamId!, new JsonObject { ["reason"] = "class", ["codec"] = "NOT A TOKEN" });

        var report = _h.Service.GetDeliveryReport(ticket.BroadcastId);
        report.Nodes.Select(n => $"{n.DeviceId} {n.Outcome} {n.RefusalReason} {n.RefusalCodec ?? "-"}").Should().BeEquivalentTo(
            "loa-khoi-1-a refused codec aac", "loa-xom-3-a refused class -");
        report.Started.Should().Be(0, "a refused order never played");
        report.Failed.Should().Be(2);
        report.Pending.Should().Be(0);
    }

    private async Task SendAsync(IDeviceMessageHandler tracker, string device, string type, string stream, JsonObject? data)
    {
        var message = new EventMessage { V = 1, Type = type, Stream = stream, Data = data, Ts = _h.Dir.Time.GetUtcNow().ToUnixTimeMilliseconds() };
        tracker.Handles(TopicKind.Event).Should().BeTrue();
        await tracker.HandleAsync(new DeviceMessage(new ParsedTopic("tan-ky", TopicKind.Event, device), message, ProtocolJson.Serialize(message), _h.Dir.Time.GetUtcNow()), default);
    }
}
