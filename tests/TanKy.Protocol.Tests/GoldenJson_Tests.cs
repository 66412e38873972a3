using System.Text;
using System.Text.Json;
using TanKy.Protocol.Messages;

namespace TanKy.Protocol.Tests;

public sealed class GoldenJson_Tests
{
    [Theory]
    [MemberData(nameof(Golden.Names), MemberType = typeof(Golden))]
    public void Serialize_produces_the_golden_bytes(string name)
    {
        var golden = Golden.Get(name);

        var bytes = Golden.Serialize(golden.Message);

        Encoding.UTF8.GetString(bytes).Should().Be(golden.Json);
    }

    [Theory]
    [MemberData(nameof(Golden.Names), MemberType = typeof(Golden))]
    public void Golden_bytes_validate_on_their_topic(string name)
    {
        var golden = Golden.Get(name);

        var result = PayloadValidator.Validate(Golden.Site, golden.Topic, Encoding.UTF8.GetBytes(golden.Json));

        result.Error.Should().Be(ProtocolError.None, result.Reason);
        result.Message.Should().NotBeNull().And.BeOfType(golden.Message.GetType());
    }

    [Theory]
    [MemberData(nameof(Golden.Names), MemberType = typeof(Golden))]
    public void Golden_bytes_round_trip_to_the_same_bytes(string name)
    {
        var golden = Golden.Get(name);

        var parsed = PayloadValidator.Validate(Golden.Site, golden.Topic, Encoding.UTF8.GetBytes(golden.Json)).Message!;

        Encoding.UTF8.GetString(Golden.Serialize(parsed)).Should().Be(golden.Json);
    }

    [Fact]
    public void Golden_set_covers_every_json_topic_kind()
    {
        var kinds = Golden.All.Select(g => Topics.TryParse(g.Topic, out var p) ? p.Kind : (TopicKind?)null).Distinct();

        kinds.Should().BeEquivalentTo(Enum.GetValues<TopicKind>().Where(k => k != TopicKind.Stream));
    }

    [Fact]
    public void Zero_timestamp_is_left_out_under_unknown_clock()
    {
        var json = Encoding.UTF8.GetString(ProtocolJson.Serialize(new TelemetryMessage { V = 1, Seq = 3 }));

        json.Should().Be("""{"v":1,"seq":3}""");
    }

    [Fact]
    public void Null_optional_fields_are_left_out_under_serialization()
    {
        var json = Encoding.UTF8.GetString(ProtocolJson.Serialize(new PlayOrderMessage { V = 1, Op = "stop", Stream = "s1" }));

        json.Should().Be("""{"v":1,"op":"stop","stream":"s1"}""");
    }

    [Fact]
    public void Hub_state_version_defaults_to_1_under_object_initializer()
    {
        new HubStateMessage { Status = "online" }.V.Should().Be(ProtocolConstants.Version);
    }

    [Fact]
    public void Non_ascii_text_is_escaped_and_decodes_back_under_serialization()
    {
        var desired = new DesiredStateMessage
        {
            V = 1, Version = 1,
            State = new System.Text.Json.Nodes.JsonObject { ["text"] = "Chào khối 3" },
        };

        var bytes = ProtocolJson.Serialize(desired);

        bytes.Should().OnlyContain(b => b < 0x80, "the hub writes ASCII-only JSON with \\u escapes");
        Encoding.UTF8.GetString(bytes).Should().Contain("Ch\\u00E0o", "protocol.md §1 gives this escape as its example");
        var back = JsonSerializer.Deserialize(bytes, ProtocolJsonContext.Default.DesiredStateMessage)!;
        back.State["text"]!.GetValue<string>().Should().Be("Chào khối 3");
    }

    [Theory]
    [InlineData(TopicKind.HubState, typeof(HubStateMessage))]
    [InlineData(TopicKind.DeviceState, typeof(DeviceStateMessage))]
    [InlineData(TopicKind.Telemetry, typeof(TelemetryMessage))]
    [InlineData(TopicKind.Desired, typeof(DesiredStateMessage))]
    [InlineData(TopicKind.Reported, typeof(ReportedStateMessage))]
    [InlineData(TopicKind.Command, typeof(CommandMessage))]
    [InlineData(TopicKind.Reply, typeof(ReplyMessage))]
    [InlineData(TopicKind.Event, typeof(EventMessage))]
    [InlineData(TopicKind.TimeRequest, typeof(TimeRequestMessage))]
    [InlineData(TopicKind.TimeReply, typeof(TimeReplyMessage))]
    [InlineData(TopicKind.ZonePlay, typeof(PlayOrderMessage))]
    public void TypeInfoFor_maps_each_json_topic_kind_to_its_message(TopicKind kind, Type type)
    {
        ProtocolJson.TypeInfoFor(kind)!.Type.Should().Be(type);
    }

    [Fact]
    public void TypeInfoFor_is_null_under_binary_stream_topic()
    {
        ProtocolJson.TypeInfoFor(TopicKind.Stream).Should().BeNull();
    }
}
