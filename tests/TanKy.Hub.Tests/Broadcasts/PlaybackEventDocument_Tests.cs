using TanKy.Hub.Broker;
using TanKy.Protocol;

namespace TanKy.Hub.Tests.Broadcasts;

public sealed class PlaybackEventDocument_Tests : IDisposable
{
    // The two example lines of protocol.md §4.6, with the stream id replaced by the test's.
    private const string Started = """{"v":1,"type":"playback.started","ts":1767225601900,"stream":"STREAM","data":{"intended_us":INTENDED,"actual_us":ACTUAL,"error_us":850}}""";
    private const string Finished = """{"v":1,"type":"playback.finished","ts":1767225661940,"stream":"STREAM","data":{"played":2991,"concealed":7,"late":1,"fec":2,"error_us":850,"reason":"end"}}""";
    private readonly BroadcastHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task The_documented_event_examples_validate_and_fill_the_report()
    {
        var ticket = await _h.Service.PlayAsync(BroadcastHarness.Request(zones: "khoi-1"));
        var intended = _h.Service.Get(ticket.BroadcastId)!.RequestedUs + 400_000;
        var tracker = _h.NewTracker();
        foreach (var line in new[] { Started, Finished })
        {
            var json = line.Replace("STREAM", ticket.StreamId, StringComparison.Ordinal)
                .Replace("INTENDED", intended.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("ACTUAL", (intended + 850).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            var result = PayloadValidator.Validate("tan-ky", "tanky/v1/tan-ky/dev/loa-khoi-1-a/event", System.Text.Encoding.UTF8.GetBytes(json));
            result.IsValid.Should().BeTrue(result.Reason);
            await tracker.HandleAsync(new DeviceMessage(result.Topic, result.Message, System.Text.Encoding.UTF8.GetBytes(json), _h.Dir.Time.GetUtcNow()), default);
        }

        _h.Service.GetDeliveryReport(ticket.BroadcastId).Nodes.Single().Should().BeEquivalentTo(
            new { Outcome = "finished", StartErrorUs = 850L, TriggerToSoundUs = 400_850L, FramesPlayed = 2991L, FramesConcealed = 7L, FramesLate = 1L, FecRecovered = 2L });
    }
}
