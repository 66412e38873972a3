using Microsoft.Extensions.Time.Testing;
using TanKy.Hub.Broker;
using TanKy.Hub.Conformance.Tap;
using TanKy.Protocol;
using TanKy.Protocol.Messages;

namespace TanKy.Hub.Tests.Conformance;

/// <summary>The kit's waits: event-driven, ending at the first match, timing out on the hub's clock only.</summary>
public sealed class DeviceInbox_Tests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-07T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private DeviceMessage Telemetry(long seq) =>
        new(new ParsedTopic("tan-ky", TopicKind.Telemetry, "loa-1"), new TelemetryMessage { V = 1, Seq = seq }, default, _time.GetUtcNow());

    [Fact]
    public async Task A_wait_ends_at_the_first_matching_message_after_its_mark()
    {
        var inbox = new DeviceInbox(_time);
        inbox.Add(Telemetry(0));
        var mark = inbox.Mark;
        var wait = inbox.WaitAsync(mark, m => m.Message is TelemetryMessage { Seq: >= 1 }, TimeSpan.FromSeconds(10), default);

        wait.IsCompleted.Should().BeFalse("seq 0 came before the mark");
        inbox.Add(Telemetry(1));
        inbox.Add(Telemetry(2));

        ((TelemetryMessage)(await wait)!.Message!).Seq.Should().Be(1);
    }

    [Fact]
    public async Task A_wait_times_out_on_the_hub_clock_with_null()
    {
        var inbox = new DeviceInbox(_time);
        var wait = inbox.WaitAsync(0, _ => true, TimeSpan.FromSeconds(10), default);

        _time.Advance(TimeSpan.FromSeconds(9));
        wait.IsCompleted.Should().BeFalse();
        _time.Advance(TimeSpan.FromSeconds(1));

        (await wait.WaitAsync(TimeSpan.FromSeconds(5))).Should().BeNull();
    }

    [Fact]
    public async Task The_tap_records_only_the_watched_device_and_one_run_per_device()
    {
        var tap = new DeviceTap();
        var inbox = tap.Watch("loa-1", _time)!;

        tap.Watch("loa-1", _time).Should().BeNull("one run per device at a time");
        await tap.HandleAsync(Telemetry(0), default);
        await tap.HandleAsync(new DeviceMessage(new ParsedTopic("tan-ky", TopicKind.Telemetry, "loa-2"), new TelemetryMessage { V = 1, Seq = 0 }, default, _time.GetUtcNow()), default);
        tap.Unwatch("loa-1");
        await tap.HandleAsync(Telemetry(1), default);

        inbox.Since(0, _ => true).Should().ContainSingle().Which.DeviceId.Should().Be("loa-1");
        tap.Watch("loa-1", _time).Should().NotBeNull("the run ended");
    }
}
