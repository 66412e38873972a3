using System.Text;
using TanKy.Protocol.Messages;

namespace TanKy.Protocol.Tests;

public sealed class PayloadValidator_Tests
{
    private const string Site = Golden.Site;
    private static readonly Topics T = Golden.Topics;

    private static ValidatedMessage Validate(string topic, string json) =>
        PayloadValidator.Validate(Site, topic, Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Valid_birth_yields_the_typed_message()
    {
        var result = Validate(T.DeviceState("spk-07"), """{"v":1,"status":"online","kind":"wifi-ap","boot":"b1"}""");

        result.IsValid.Should().BeTrue();
        result.Reason.Should().BeNull();
        result.Topic.Should().Be(new ParsedTopic(Site, TopicKind.DeviceState, "spk-07"));
        result.Message.Should().BeEquivalentTo(new DeviceStateMessage { V = 1, Status = "online", Kind = "wifi-ap", Boot = "b1" });
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("tanky/v2/tan-ky/hub/state")]
    [InlineData("tanky/v1/tan-ky/dev/spk-07/time/other")]
    [InlineData("tanky/v1/tan-ky/dev/+/state")]
    public void Unknown_topic_is_refused_under_any_payload(string? topic)
    {
        var result = PayloadValidator.Validate(Site, topic, """{"v":1,"status":"online"}"""u8);

        result.Error.Should().Be(ProtocolError.UnknownTopic);
        result.IsValid.Should().BeFalse();
        result.Message.Should().BeNull();
        result.Reason.Should().StartWith("not a protocol v1 topic");
    }

    [Fact]
    public void Unknown_topic_reason_is_truncated_under_a_long_topic()
    {
        var result = PayloadValidator.Validate(Site, new string('x', 1000), """{"v":1}"""u8);

        result.Reason!.Length.Should().BeLessThan(120);
    }

    [Fact]
    public void Foreign_site_is_refused_with_its_parsed_topic()
    {
        var result = Validate("tanky/v1/nghia-dong/dev/spk-07/state", """{"v":1,"status":"online","kind":"speaker"}""");

        result.Error.Should().Be(ProtocolError.ForeignSite);
        result.Topic.Should().Be(new ParsedTopic("nghia-dong", TopicKind.DeviceState, "spk-07"));
        result.Reason.Should().Contain("nghia-dong").And.Contain("tan-ky");
    }

    [Theory]
    [InlineData("""{"status":"online","kind":"speaker"}""", "missing 'v'")]
    [InlineData("""{"v":2,"status":"online","kind":"speaker"}""", "v=2")]
    [InlineData("""{"v":0,"status":"online","kind":"speaker"}""", "v=0")]
    [InlineData("""{"v":-1,"status":"online","kind":"speaker"}""", "v=-1")]
    [InlineData("""{"v":"1","status":"online","kind":"speaker"}""", "v=<String>")]
    [InlineData("""{"v":1.5,"status":"online","kind":"speaker"}""", "v=<Number>")]
    [InlineData("""{"v":1e0,"status":"online","kind":"speaker"}""", "v=<Number>")]
    [InlineData("""{"v":null,"status":"online","kind":"speaker"}""", "v=<Null>")]
    [InlineData("""{"v":true,"status":"online","kind":"speaker"}""", "v=<True>")]
    [InlineData("""{"v":[1],"status":"online","kind":"speaker"}""", "v=<StartArray>")]
    [InlineData("""{"v":99999999999,"status":"online","kind":"speaker"}""", "v=<Number>")]
    [InlineData("""{"V":1,"status":"online","kind":"speaker"}""", "missing 'v'")]
    [InlineData("""{"data":{"v":1},"status":"online"}""", "missing 'v'")]
    [InlineData("""{"v":1,"v":2,"status":"online","kind":"speaker"}""", "v=2")]
    public void Wrong_or_missing_version_is_refused_as_WrongVersion(string json, string reason)
    {
        var result = Validate(T.DeviceState("spk-07"), json);

        result.Error.Should().Be(ProtocolError.WrongVersion);
        result.Reason.Should().Contain(reason);
    }

    [Fact]
    public void Hub_state_without_v_is_refused_despite_the_record_default()
    {
        Validate(T.HubState, """{"status":"online"}""").Error.Should().Be(ProtocolError.WrongVersion);
    }

    [Fact]
    public void V2_message_of_another_shape_is_refused_as_WrongVersion_not_BadJson()
    {
        var result = Validate(T.Telemetry("spk-07"), """{"v":2,"sequence":"a","samples":[1,2,3]}""");

        result.Error.Should().Be(ProtocolError.WrongVersion);
    }

    [Theory]
    [InlineData("", "empty payload")]
    [InlineData("   ", "invalid JSON")]
    [InlineData("null", "JSON object")]
    [InlineData("1", "JSON object")]
    [InlineData("\"online\"", "JSON object")]
    [InlineData("[{\"v\":1}]", "JSON object")]
    [InlineData("{", "invalid JSON")]
    [InlineData("{\"v\":1,", "invalid JSON")]
    [InlineData("{\"v\":1,\"status\":\"online\"", "invalid JSON")]
    [InlineData("{\"v\":1,\"status\":\"online\"}}", "invalid JSON")]
    [InlineData("{\"v\":1,\"status\":\"online\"} {}", "invalid JSON")]
    [InlineData("{\"v\":1,\"status\":\"online\",}", "invalid JSON")]
    [InlineData("{'v':1,'status':'online'}", "invalid JSON")]
    [InlineData("{\"v\":1,\"status\":online}", "invalid JSON")]
    [InlineData("{\"v\":1,\"status\":\"online\"} // c", "invalid JSON")]
    [InlineData("{\"v\":1}", "invalid JSON")]
    [InlineData("{\"v\":1,\"status\":7}", "invalid JSON")]
    [InlineData("{\"v\":1,\"status\":\"online\",\"interval\":\"30\"}", "invalid JSON")]
    [InlineData("{\"v\":1,\"status\":\"online\",\"ts\":1.5}", "invalid JSON")]
    [InlineData("{\"v\":1,\"status\":\"online\",\"caps\":\"opus\"}", "invalid JSON")]
    public void Malformed_or_mistyped_json_is_refused_as_BadJson(string json, string reason)
    {
        var result = Validate(T.DeviceState("spk-07"), json);

        result.Error.Should().Be(ProtocolError.BadJson);
        result.Reason.Should().Contain(reason);
        result.Topic.Kind.Should().Be(TopicKind.DeviceState);
    }

    [Fact]
    public void Invalid_utf8_is_refused_as_BadJson()
    {
        byte[] payload = [.. """{"v":1,"status":"on"""u8, 0xC3, 0x28, .. "\"}"u8];

        PayloadValidator.Validate(Site, T.HubState, payload).Error.Should().Be(ProtocolError.BadJson);
    }

    [Fact]
    public void Invalid_utf8_in_an_unknown_member_is_refused_as_BadJson()
    {
        byte[] payload = [.. """{"v":1,"status":"online","x":"a"""u8, 0xC3, 0x28, .. "\"}"u8];

        PayloadValidator.Validate(Site, T.HubState, payload).Error.Should().Be(ProtocolError.BadJson);
    }

    [Fact]
    public void Lone_surrogate_inside_free_form_data_cannot_reach_the_hub()
    {
        var result = Validate(T.Event("spk-07"), "{\"v\":1,\"type\":\"x\",\"data\":{\"k\":\"\\ud800\"}}");

        result.Error.Should().Be(ProtocolError.BadJson, "an accepted message must be safe to read later");
    }

    [Theory]
    [InlineData("{\"\\ud800\":1,\"v\":1,\"status\":\"online\"}")]
    [InlineData("{\"v\":1,\"status\":\"\\ud800\"}")]
    [InlineData("{\"v\":1,\"status\":\"\\udc00x\"}")]
    public void Lone_surrogate_escape_is_refused_as_BadJson(string json)
    {
        Validate(T.HubState, json).Error.Should().Be(ProtocolError.BadJson);
    }

    [Fact]
    public void Nesting_deeper_than_16_is_refused_as_BadJson()
    {
        var json = "{\"v\":1,\"version\":1,\"state\":" + new string('[', 20) + new string(']', 20) + "}";

        Validate(T.Desired("spk-07"), json).Error.Should().Be(ProtocolError.BadJson);
    }

    [Theory]
    [InlineData(16, ProtocolError.None)]
    [InlineData(17, ProtocolError.BadJson)]
    public void Nesting_limit_counts_the_message_itself(int depth, ProtocolError expected)
    {
        // message object (1) + state object (2) + arrays (3..depth)
        var arrays = depth - 2;
        var json = "{\"v\":1,\"version\":1,\"state\":{\"a\":" + new string('[', arrays) + new string(']', arrays) + "}}";

        Validate(T.Desired("spk-07"), json).Error.Should().Be(expected);
    }

    [Theory]
    [InlineData(TopicKind.Telemetry, """{"v":1,"seq":null}""")]
    [InlineData(TopicKind.Command, """{"v":1,"id":"c-1","op":"ping","expires":null}""")]
    [InlineData(TopicKind.TimeRequest, """{"v":1,"t1":null}""")]
    public void Null_for_a_required_number_is_BadJson(TopicKind kind, string json)
    {
        Validate(T.Build(kind, "spk-07"), json).Error.Should().Be(ProtocolError.BadJson);
    }

    [Theory]
    [InlineData(TopicKind.HubState, """{"v":1,"status":null}""")]
    [InlineData(TopicKind.Command, """{"v":1,"id":"c-1","op":null,"expires":1}""")]
    [InlineData(TopicKind.Desired, """{"v":1,"version":1,"state":null}""")]
    public void Null_for_a_required_string_or_object_is_Schema(TopicKind kind, string json)
    {
        Validate(T.Build(kind, "spk-07"), json).Error.Should().Be(ProtocolError.Schema);
    }

    [Fact]
    public void Null_for_an_optional_member_equals_absence()
    {
        var result = Validate(T.ZonePlay("khoi-3"), """{"v":1,"op":"play","stream":"s1","class":null,"codec":null,"start":null,"volume":null,"ts":null}""");

        result.IsValid.Should().BeTrue(result.Reason);
        result.Message.Should().Be(new PlayOrderMessage { V = 1, Op = "play", Stream = "s1" });
    }

    [Fact]
    public void Json_of_exactly_4096_bytes_is_accepted()
    {
        var json = Padded("""{"v":1,"type":"x","data":{"pad":"%"}}""", ProtocolConstants.MaxJsonPayloadBytes);

        Validate(T.Event("spk-07"), json).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Json_of_4097_bytes_is_refused_as_TooLarge()
    {
        var json = Padded("""{"v":1,"type":"x","data":{"pad":"%"}}""", ProtocolConstants.MaxJsonPayloadBytes + 1);

        var result = Validate(T.Event("spk-07"), json);

        result.Error.Should().Be(ProtocolError.TooLarge);
        result.Reason.Should().Contain("4097").And.Contain("4096");
    }

    [Fact]
    public void TooLarge_is_decided_before_parsing_under_garbage()
    {
        var payload = new byte[ProtocolConstants.MaxJsonPayloadBytes + 1];

        PayloadValidator.Validate(Site, T.HubState, payload).Error.Should().Be(ProtocolError.TooLarge);
    }

    [Fact]
    public void Stream_payload_of_8192_bytes_is_accepted_without_a_message()
    {
        var result = PayloadValidator.Validate(Site, T.Stream("bc-1042"), new byte[ProtocolConstants.MaxStreamPayloadBytes]);

        result.IsValid.Should().BeTrue();
        result.Message.Should().BeNull();
        result.Topic.Should().Be(new ParsedTopic(Site, TopicKind.Stream, "bc-1042"));
    }

    [Fact]
    public void Stream_payload_of_8193_bytes_is_refused_as_TooLarge()
    {
        var result = PayloadValidator.Validate(Site, T.Stream("bc-1042"), new byte[ProtocolConstants.MaxStreamPayloadBytes + 1]);

        result.Error.Should().Be(ProtocolError.TooLarge);
    }

    [Fact]
    public void Stream_payload_is_not_parsed_as_json()
    {
        PayloadValidator.Validate(Site, T.Stream("bc-1042"), "not json"u8).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Unknown_fields_are_ignored_at_every_level()
    {
        var json = """{"v":1,"future":{"x":[1,2,{"y":null}]},"status":"online","kind":"speaker","gps":[18.9,105.2],"caps":["opus"],"z":true}""";

        var result = Validate(T.DeviceState("spk-07"), json);

        result.IsValid.Should().BeTrue(result.Reason);
        result.Message.Should().BeEquivalentTo(new DeviceStateMessage { V = 1, Status = "online", Kind = "speaker", Caps = ["opus"] });
    }

    [Fact]
    public void Field_names_are_case_sensitive()
    {
        // "Status" is an unknown field, so the required "status" is missing.
        Validate(T.HubState, """{"v":1,"Status":"online"}""").Error.Should().Be(ProtocolError.BadJson);
    }

    [Fact]
    public void Field_order_does_not_matter()
    {
        Validate(T.TimeReply("spk-07"), """{"t3":3,"t2":2,"t1":1,"v":1}""").Message
            .Should().Be(new TimeReplyMessage { V = 1, T1 = 1, T2 = 2, T3 = 3 });
    }

    [Fact]
    public void Whitespace_between_tokens_is_accepted()
    {
        Validate(T.HubState, " {\n  \"v\" : 1 ,\r\n\t\"status\" : \"offline\" }\n").IsValid.Should().BeTrue();
    }

    private static string Padded(string template, int totalBytes)
    {
        var baseLength = Encoding.UTF8.GetByteCount(template.Replace("%", "", StringComparison.Ordinal));
        return template.Replace("%", new string('a', totalBytes - baseLength), StringComparison.Ordinal);
    }
}
