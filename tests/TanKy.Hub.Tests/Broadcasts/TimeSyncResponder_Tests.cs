using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TanKy.Hub.Broadcasts.Clock;
using TanKy.Hub.Broker;
using TanKy.Protocol;
using TanKy.Protocol.Messages;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Tests.Broadcasts;

public sealed class TimeSyncResponder_Tests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task The_reply_echoes_t1_stamps_t2_at_receipt_and_t3_at_send()
    {
        var clock = new HubClock(_time);
        var mqtt = new RecordingMqtt(clock);
        var responder = new TimeSyncResponder(mqtt, clock, Microsoft.Extensions.Options.Options.Create(new HubOptions()), NullLogger<TimeSyncResponder>.Instance);
        var received = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromTicks(12_345));
        var request = new TimeRequestMessage { V = 1, T1 = 1_767_225_612_000_123 };

        responder.Handles(TopicKind.TimeRequest).Should().BeTrue();
        responder.Handles(TopicKind.Event).Should().BeFalse();
        await responder.HandleAsync(new DeviceMessage(new ParsedTopic("tan-ky", TopicKind.TimeRequest, "spk-07"), request, ProtocolJson.Serialize(request), received), default);

        var reply = mqtt.Published.Should().ContainSingle().Subject;
        reply.Topic.Should().Be("tanky/v1/tan-ky/dev/spk-07/time/reply");
        reply.Qos.Should().Be(0);
        reply.Retain.Should().BeFalse();
        var validated = PayloadValidator.Validate("tan-ky", reply.Topic, reply.Payload);
        validated.IsValid.Should().BeTrue();
        var message = validated.Message.Should().BeOfType<TimeReplyMessage>().Subject;
        message.T1.Should().Be(request.T1);
        message.T2.Should().Be(HubClock.ToMicros(received));
        message.T3.Should().Be(HubClock.ToMicros(received) + 1_234, "t3 is read right before publishing");
        message.T2.Should().BeLessThanOrEqualTo(message.T3);
        reply.Payload.Should().Equal(ProtocolJson.Serialize(message), "the hand-written reply is byte for byte the serializer's");
    }

    [Theory]
    [InlineData(0L, 0L, 0L)]
    [InlineData(-5L, 1_767_225_612_021_450L, long.MaxValue)]
    [InlineData(long.MinValue, 1L, 2L)]
    public void Formatting_matches_the_protocol_serializer(long t1, long t2, long t3)
    {
        var buffer = new byte[128];

        var length = TimeReplyFormat.Write(buffer, t1, t2, t3);

        Encoding.UTF8.GetString(buffer, 0, length).Should().Be(Encoding.UTF8.GetString(ProtocolJson.Serialize(new TimeReplyMessage { V = 1, T1 = t1, T2 = t2, T3 = t3 })));
    }

    [Fact]
    public async Task When_the_broker_is_down_the_request_is_dropped_without_an_error()
    {
        var clock = new HubClock(_time);
        var mqtt = new RecordingMqtt(clock) { IsConnected = false };
        var responder = new TimeSyncResponder(mqtt, clock, Microsoft.Extensions.Options.Options.Create(new HubOptions()), NullLogger<TimeSyncResponder>.Instance);
        var request = new TimeRequestMessage { V = 1, T1 = 1 };

        var act = async () => await responder.HandleAsync(new DeviceMessage(new ParsedTopic("tan-ky", TopicKind.TimeRequest, "spk-07"), request, ProtocolJson.Serialize(request), _time.GetUtcNow()), default);

        await act.Should().NotThrowAsync();
        responder.Answered.Should().Be(0);
    }
}
