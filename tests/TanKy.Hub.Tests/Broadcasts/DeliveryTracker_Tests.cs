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

    private async Task SendAsync(IDeviceMessageHandler tracker, string device, string type, string stream, JsonObject? data)
    {
        var message = new EventMessage { V = 1, Type = type, Stream = stream, Data = data, Ts = _h.Dir.Time.GetUtcNow().ToUnixTimeMilliseconds() };
        tracker.Handles(TopicKind.Event).Should().BeTrue();
        await tracker.HandleAsync(new DeviceMessage(new ParsedTopic("tan-ky", TopicKind.Event, device), message, ProtocolJson.Serialize(message), _h.Dir.Time.GetUtcNow()), default);
    }
}
