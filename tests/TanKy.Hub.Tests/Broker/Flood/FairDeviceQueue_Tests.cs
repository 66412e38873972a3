using TanKy.Hub.Broker;
using TanKy.Protocol;

namespace TanKy.Hub.Tests.Broker.Flood;

public sealed class FairDeviceQueue_Tests
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_quiet_device_is_served_next_turn_however_long_the_loud_backlog()
    {
        var queue = new FairDeviceQueue(sheddablePerDevice: 10_000, controlPerDevice: 100);
        for (var i = 0; i < 5_000; i++)
        {
            queue.TryEnqueue(Message("loud", TopicKind.Telemetry)).Should().BeTrue();
        }

        queue.TryEnqueue(Message("quiet", TopicKind.DeviceState)).Should().BeTrue();
        queue.TryEnqueue(Message("quiet", TopicKind.Telemetry)).Should().BeTrue();

        var firstFour = new List<(string, TopicKind)>();
        for (var i = 0; i < 4; i++)
        {
            var m = (await queue.DequeueAsync(CancellationToken.None))!;
            firstFour.Add((m.DeviceId, m.Topic.Kind));
        }

        firstFour.Should().Equal(
            ("loud", TopicKind.Telemetry), ("quiet", TopicKind.DeviceState), ("loud", TopicKind.Telemetry), ("quiet", TopicKind.Telemetry));
    }

    [Fact]
    public void A_loud_device_sheds_only_its_own_telemetry_and_keeps_its_control_messages()
    {
        var queue = new FairDeviceQueue(sheddablePerDevice: 3, controlPerDevice: 2);

        Enumerable.Range(0, 10).Count(_ => queue.TryEnqueue(Message("loud", TopicKind.Telemetry))).Should().Be(3);
        Enumerable.Range(0, 10).Count(_ => queue.TryEnqueue(Message("loud", TopicKind.TimeRequest))).Should().Be(0, "clock-sync requests share the telemetry allowance");
        queue.TryEnqueue(Message("loud", TopicKind.Event)).Should().BeTrue("a full telemetry allowance does not block the device's events");
        queue.TryEnqueue(Message("loud", TopicKind.Reply)).Should().BeTrue();
        queue.TryEnqueue(Message("loud", TopicKind.Event)).Should().BeFalse("its own control allowance is full");

        foreach (var kind in new[] { TopicKind.DeviceState, TopicKind.Reported, TopicKind.Telemetry })
        {
            queue.TryEnqueue(Message("quiet", kind)).Should().BeTrue($"another device's {kind} never pays for the loud one");
        }

        queue.Count.Should().Be(8);
    }

    [Fact]
    public async Task Each_device_keeps_its_order_and_an_emptied_device_queue_starts_afresh()
    {
        var queue = new FairDeviceQueue(sheddablePerDevice: 2, controlPerDevice: 2);
        queue.TryEnqueue(Message("a", TopicKind.Telemetry, seq: 1));
        queue.TryEnqueue(Message("a", TopicKind.Telemetry, seq: 2));
        queue.TryEnqueue(Message("a", TopicKind.Telemetry, seq: 3)).Should().BeFalse();

        (await Seq(queue)).Should().Be(1);
        (await Seq(queue)).Should().Be(2);
        queue.TryEnqueue(Message("a", TopicKind.Telemetry, seq: 4)).Should().BeTrue("read messages free their places");
        (await Seq(queue)).Should().Be(4);
    }

    [Fact]
    public async Task Complete_lets_the_reader_finish_what_is_queued_then_ends()
    {
        var queue = new FairDeviceQueue(10, 10);
        queue.TryEnqueue(Message("a", TopicKind.Event));
        queue.TryEnqueue(Message("b", TopicKind.Event));
        queue.Complete();

        queue.TryEnqueue(Message("c", TopicKind.Event)).Should().BeFalse();
        (await queue.DequeueAsync(CancellationToken.None)).Should().NotBeNull();
        (await queue.DequeueAsync(CancellationToken.None)).Should().NotBeNull();
        (await queue.DequeueAsync(CancellationToken.None)).Should().BeNull();
        (await queue.DequeueAsync(CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task A_waiting_reader_wakes_on_the_next_message()
    {
        var queue = new FairDeviceQueue(10, 10);
        var read = queue.DequeueAsync(CancellationToken.None).AsTask();
        read.IsCompleted.Should().BeFalse();

        queue.TryEnqueue(Message("a", TopicKind.Reply));
        (await read.WaitAsync(TimeSpan.FromSeconds(10)))!.DeviceId.Should().Be("a");
    }

    private static async Task<byte> Seq(FairDeviceQueue queue) => (await queue.DequeueAsync(CancellationToken.None))!.Payload.Span[0];

    /// <summary>The payload is one byte, the sequence number: the queue never reads payloads.</summary>
    private static DeviceMessage Message(string device, TopicKind kind, byte seq = 0) =>
        new(new ParsedTopic("tan-ky", kind, device), null, new[] { seq }, At);
}
