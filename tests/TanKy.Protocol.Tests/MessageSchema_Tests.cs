using System.Text;

namespace TanKy.Protocol.Tests;

/// <summary>Every rule of MessageSchema (protocol.md §4), one refused and one accepted payload each.</summary>
public sealed class MessageSchema_Tests
{
    private static readonly string A33 = new('a', 33);
    private static readonly string A49 = new('a', 49);
    private static readonly string A65 = new('a', 65);
    private static readonly string A257 = new('a', 257);

    public static TheoryData<TopicKind, string, string> Violations() => new()
    {
        // hub/state
        { TopicKind.HubState, """{"v":1,"status":"up"}""", "status must be online or offline" },
        { TopicKind.HubState, """{"v":1,"status":"Online"}""", "status must be online or offline" },
        { TopicKind.HubState, """{"v":1,"status":null}""", "status must be online or offline" },

        // dev/{id}/state
        { TopicKind.DeviceState, """{"v":1,"status":"rebooting"}""", "status must be online or offline" },
        { TopicKind.DeviceState, """{"v":1,"status":"online"}""", "birth needs a known kind" },
        { TopicKind.DeviceState, """{"v":1,"status":"online","kind":"siren"}""", "birth needs a known kind" },
        { TopicKind.DeviceState, """{"v":1,"status":"online","kind":"Speaker"}""", "birth needs a known kind" },
        { TopicKind.DeviceState, "{\"v\":1,\"status\":\"online\",\"kind\":\"speaker\",\"fw\":\"" + A33 + "\"}", "fw is limited to 32" },
        { TopicKind.DeviceState, "{\"v\":1,\"status\":\"online\",\"kind\":\"speaker\",\"boot\":\"" + A65 + "\"}", "boot to 64" },
        { TopicKind.DeviceState, """{"v":1,"status":"online","kind":"speaker","caps":["a","b","c","d","e","f","g","h","i","j","k","l","m","n","o","p","q"]}""", "at most 16 tokens" },
        { TopicKind.DeviceState, """{"v":1,"status":"online","kind":"speaker","caps":["Opus"]}""", "caps" },
        { TopicKind.DeviceState, """{"v":1,"status":"online","kind":"speaker","caps":[""]}""", "caps" },
        { TopicKind.DeviceState, """{"v":1,"status":"online","kind":"speaker","caps":[null]}""", "caps" },
        { TopicKind.DeviceState, "{\"v\":1,\"status\":\"online\",\"kind\":\"speaker\",\"caps\":[\"" + A33 + "\"]}", "caps" },
        { TopicKind.DeviceState, """{"v":1,"status":"online","kind":"speaker","interval":0}""", "interval must be 1–3600" },
        { TopicKind.DeviceState, """{"v":1,"status":"online","kind":"speaker","interval":3601}""", "interval must be 1–3600" },
        { TopicKind.DeviceState, """{"v":1,"status":"offline","interval":-5}""", "interval must be 1–3600" },

        // dev/{id}/telemetry
        { TopicKind.Telemetry, """{"v":1,"seq":-1}""", "seq must be ≥ 0" },
        { TopicKind.Telemetry, """{"v":1,"seq":0,"interval":0}""", "interval must be 1–3600" },
        { TopicKind.Telemetry, """{"v":1,"seq":0,"interval":3601}""", "interval must be 1–3600" },
        { TopicKind.Telemetry, "{\"v\":1,\"seq\":0,\"metrics\":{" + string.Join(",", Enumerable.Range(0, 33).Select(i => $"\"m{i}\":{i}")) + "}}", "at most 32 metrics" },
        { TopicKind.Telemetry, """{"v":1,"seq":0,"metrics":{"Temp":1}}""", "metric name" },
        { TopicKind.Telemetry, """{"v":1,"seq":0,"metrics":{"":1}}""", "metric name" },
        { TopicKind.Telemetry, """{"v":1,"seq":0,"metrics":{"temp c":1}}""", "metric name" },
        { TopicKind.Telemetry, "{\"v\":1,\"seq\":0,\"metrics\":{\"" + A33 + "\":1}}", "metric name" },

        // dev/{id}/desired and reported
        { TopicKind.Desired, """{"v":1,"version":-1,"state":{}}""", "version must be ≥ 0" },
        { TopicKind.Desired, """{"v":1,"version":1,"state":null}""", "state must be a JSON object" },
        { TopicKind.Reported, """{"v":1,"version":-1,"state":{}}""", "version must be ≥ 0" },
        { TopicKind.Reported, """{"v":1,"version":1,"state":null}""", "state must be a JSON object" },
        { TopicKind.Reported, """{"v":1,"version":1,"state":{},"errors":{"":"x"}}""", "errors" },
        { TopicKind.Reported, """{"v":1,"version":1,"state":{},"errors":{"volume":null}}""", "errors" },
        { TopicKind.Reported, "{\"v\":1,\"version\":1,\"state\":{},\"errors\":{\"volume\":\"" + A257 + "\"}}", "errors" },
        { TopicKind.Reported, "{\"v\":1,\"version\":1,\"state\":{},\"errors\":{\"" + A65 + "\":\"x\"}}", "errors" },
        { TopicKind.Reported, "{\"v\":1,\"version\":1,\"state\":{},\"errors\":{" + string.Join(",", Enumerable.Range(0, 33).Select(i => $"\"k{i}\":\"x\"")) + "}}", "at most 32" },

        // dev/{id}/cmd
        { TopicKind.Command, """{"v":1,"id":"","op":"ping","expires":1}""", "id must be 1–64" },
        { TopicKind.Command, "{\"v\":1,\"id\":\"" + A65 + "\",\"op\":\"ping\",\"expires\":1}", "id must be 1–64" },
        { TopicKind.Command, """{"v":1,"id":"C-1","op":"ping","expires":1}""", "id 'C-1' may only use" },
        { TopicKind.Command, """{"v":1,"id":"c 1","op":"ping","expires":1}""", "may only use" },
        { TopicKind.Command, """{"v":1,"id":null,"op":"ping","expires":1}""", "id must be 1–64" },
        { TopicKind.Command, """{"v":1,"id":"c-1","op":"","expires":1}""", "op must be 1–32" },
        { TopicKind.Command, "{\"v\":1,\"id\":\"c-1\",\"op\":\"" + A33 + "\",\"expires\":1}", "op must be 1–32" },
        { TopicKind.Command, """{"v":1,"id":"c-1","op":"Ping","expires":1}""", "op 'Ping' may only use" },

        // dev/{id}/reply
        { TopicKind.Reply, """{"v":1,"id":"","status":"ok"}""", "id must be 1–64" },
        { TopicKind.Reply, """{"v":1,"id":"c-1","status":"done"}""", "status must be ok or error" },
        { TopicKind.Reply, """{"v":1,"id":"c-1","status":"OK"}""", "status must be ok or error" },
        { TopicKind.Reply, "{\"v\":1,\"id\":\"c-1\",\"status\":\"error\",\"error\":\"" + A257 + "\"}", "error is limited to 256" },
        { TopicKind.Reply, """{"v":1,"id":"c-1","status":"error"}""", "needs an error text" },
        { TopicKind.Reply, """{"v":1,"id":"c-1","status":"error","error":""}""", "needs an error text" },

        // dev/{id}/event
        { TopicKind.Event, """{"v":1,"type":""}""", "type must be 1–48" },
        { TopicKind.Event, "{\"v\":1,\"type\":\"" + A49 + "\"}", "type must be 1–48" },
        { TopicKind.Event, """{"v":1,"type":"Playback.Started"}""", "may only use" },
        { TopicKind.Event, """{"v":1,"type":"playback.started","stream":"BC 1"}""", "stream must be a valid id" },
        { TopicKind.Event, """{"v":1,"type":"playback.started","stream":""}""", "stream must be a valid id" },

        // zone/{z}/play
        { TopicKind.ZonePlay, """{"v":1,"op":"pause","stream":"s1"}""", "op must be play or stop" },
        { TopicKind.ZonePlay, """{"v":1,"op":"play","stream":""}""", "stream must be a valid id" },
        { TopicKind.ZonePlay, """{"v":1,"op":"play","stream":"S1"}""", "stream must be a valid id" },
        { TopicKind.ZonePlay, """{"v":1,"op":"play","stream":null}""", "stream must be a valid id" },
        { TopicKind.ZonePlay, """{"v":1,"op":"play","stream":"s1","class":"urgent"}""", "class must be normal, priority or emergency" },
        { TopicKind.ZonePlay, """{"v":1,"op":"play","stream":"s1","codec":"OPUS"}""", "codec" },
        { TopicKind.ZonePlay, """{"v":1,"op":"play","stream":"s1","codec":""}""", "codec" },
        { TopicKind.ZonePlay, """{"v":1,"op":"play","stream":"s1","start":-1}""", "start must be ≥ 0" },
        { TopicKind.ZonePlay, """{"v":1,"op":"play","stream":"s1","volume":101}""", "volume must be 0–100" },
        { TopicKind.ZonePlay, """{"v":1,"op":"play","stream":"s1","volume":-1}""", "volume must be 0–100" },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public void Schema_violation_is_refused_with_its_reason(TopicKind kind, string json, string reason)
    {
        var result = PayloadValidator.Validate(Golden.Site, Golden.Topics.Build(kind, "x1"), Encoding.UTF8.GetBytes(json));

        result.Error.Should().Be(ProtocolError.Schema);
        result.Reason.Should().Contain(reason);
        result.Message.Should().BeNull();
    }

    public static TheoryData<TopicKind, string> Boundaries() => new()
    {
        { TopicKind.HubState, """{"v":1,"status":"offline"}""" },
        { TopicKind.DeviceState, """{"v":1,"status":"offline"}""" },
        { TopicKind.DeviceState, """{"v":1,"status":"offline","kind":"no-such-kind"}""" },
        { TopicKind.DeviceState, """{"v":1,"status":"online","kind":"gateway"}""" },
        { TopicKind.DeviceState, "{\"v\":1,\"status\":\"online\",\"kind\":\"led-board\",\"fw\":\"" + new string('é', 32) + "\",\"boot\":\"" + new string('B', 64) + "\",\"caps\":[" + string.Join(",", Enumerable.Range(0, 16).Select(i => $"\"c.{i}_x-y\"")) + "],\"interval\":3600}" },
        { TopicKind.DeviceState, """{"v":1,"status":"online","kind":"camera","caps":[],"interval":1}""" },
        { TopicKind.Telemetry, """{"v":1,"seq":0}""" },
        { TopicKind.Telemetry, """{"v":1,"seq":9007199254740993,"interval":3600,"metrics":{}}""" },
        { TopicKind.Telemetry, "{\"v\":1,\"seq\":1,\"interval\":1,\"metrics\":{" + string.Join(",", Enumerable.Range(0, 32).Select(i => $"\"m.{i}_\":{-i}.25e3")) + "}}" },
        { TopicKind.Desired, """{"v":1,"version":0,"state":{}}""" },
        { TopicKind.Reported, "{\"v\":1,\"version\":0,\"state\":{},\"errors\":{\"" + new string('K', 64) + "\":\"" + new string('r', 256) + "\"}}" },
        { TopicKind.Command, "{\"v\":1,\"id\":\"" + new string('9', 64) + "\",\"op\":\"" + new string('z', 32) + "\",\"expires\":0}" },
        { TopicKind.Command, """{"v":1,"id":"c_1.2-3","op":"led.show","args":{"text":"Chào"},"expires":1767225630000}""" },
        { TopicKind.Reply, "{\"v\":1,\"id\":\"c-1\",\"status\":\"error\",\"error\":\"" + new string('e', 256) + "\"}" },
        { TopicKind.Reply, """{"v":1,"id":"c-1","status":"ok","error":""}""" },
        { TopicKind.Event, "{\"v\":1,\"type\":\"" + new string('t', 48) + "\"}" },
        { TopicKind.TimeRequest, """{"v":1,"t1":0}""" },
        { TopicKind.TimeReply, """{"v":1,"t1":-5,"t2":0,"t3":9223372036854775807}""" },
        { TopicKind.ZonePlay, """{"v":1,"op":"stop","stream":"s1"}""" },
        { TopicKind.ZonePlay, """{"v":1,"op":"play","stream":"s1","class":"normal","codec":"pcm-s16","start":0,"volume":0}""" },
        { TopicKind.ZonePlay, """{"v":1,"op":"play","stream":"s1","class":"priority","volume":100}""" },
    };

    [Theory]
    [MemberData(nameof(Boundaries))]
    public void Payload_at_the_limits_is_accepted(TopicKind kind, string json)
    {
        var result = PayloadValidator.Validate(Golden.Site, Golden.Topics.Build(kind, "x1"), Encoding.UTF8.GetBytes(json));

        result.Error.Should().Be(ProtocolError.None, result.Reason);
        result.Message.Should().NotBeNull();
    }

    [Theory]
    [InlineData(TopicKind.Desired, """{"v":1,"state":{}}""")]
    [InlineData(TopicKind.Desired, """{"v":1,"version":1}""")]
    [InlineData(TopicKind.Desired, """{"v":1,"version":1,"state":[]}""")]
    [InlineData(TopicKind.Command, """{"v":1,"id":"c-1","op":"ping"}""")]
    [InlineData(TopicKind.Command, """{"v":1,"id":"c-1","op":"ping","expires":1,"args":[1]}""")]
    [InlineData(TopicKind.Telemetry, """{"v":1,"seq":0,"metrics":{"t":"hot"}}""")]
    [InlineData(TopicKind.Telemetry, """{"v":1,"seq":0,"metrics":{"t":null}}""")]
    [InlineData(TopicKind.TimeReply, """{"v":1,"t1":1,"t2":2}""")]
    [InlineData(TopicKind.TimeRequest, """{"v":1,"t1":9223372036854775808}""")]
    [InlineData(TopicKind.ZonePlay, """{"v":1,"stream":"s1"}""")]
    [InlineData(TopicKind.ZonePlay, """{"v":1,"op":"play","stream":"s1","volume":50.5}""")]
    public void Missing_required_field_or_wrong_json_type_is_BadJson(TopicKind kind, string json)
    {
        var result = PayloadValidator.Validate(Golden.Site, Golden.Topics.Build(kind, "x1"), Encoding.UTF8.GetBytes(json));

        result.Error.Should().Be(ProtocolError.BadJson);
    }
}
