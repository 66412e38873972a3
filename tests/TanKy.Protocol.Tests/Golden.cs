using System.Text.Json.Nodes;
using TanKy.Protocol.Messages;

namespace TanKy.Protocol.Tests;

/// <summary>
/// One fixed instance per message example of hub/docs/protocol.md §4, with the exact bytes the
/// serializer must produce. The same literals appear in protocol.md (checked by ProtocolDocument_Tests).
/// </summary>
public sealed record GoldenMessage(string Name, string Topic, IProtocolMessage Message, string Json)
{
    public override string ToString() => Name;
}

public static class Golden
{
    public const string Site = "tan-ky";
    public const string Device = "spk-07";
    public const string Zone = "khoi-3";
    public const string Stream = "bc-1042";

    public static readonly Topics Topics = new(Site);

    public static IReadOnlyList<GoldenMessage> All { get; } =
    [
        new("hub birth", Topics.HubState,
            new HubStateMessage { Status = "online", Boot = "h-5f3a9c", Ts = 1767225600000 },
            """{"v":1,"status":"online","boot":"h-5f3a9c","ts":1767225600000}"""),
        new("hub will", Topics.HubState,
            new HubStateMessage { Status = "offline" },
            """{"v":1,"status":"offline"}"""),
        new("device birth", Topics.DeviceState(Device),
            new DeviceStateMessage
            {
                V = 1, Status = "online", Kind = "speaker", Fw = "1.4.2", Boot = "9f2c41d07a",
                Caps = ["opus", "tone", "chime"], Interval = 30, Ts = 1767225612345,
            },
            """{"v":1,"status":"online","kind":"speaker","fw":"1.4.2","boot":"9f2c41d07a","caps":["opus","tone","chime"],"interval":30,"ts":1767225612345}"""),
        new("device will", Topics.DeviceState(Device),
            new DeviceStateMessage { V = 1, Status = "offline" },
            """{"v":1,"status":"offline"}"""),
        new("device clean shutdown", Topics.DeviceState(Device),
            new DeviceStateMessage { V = 1, Status = "offline", Boot = "9f2c41d07a", Ts = 1767229200000 },
            """{"v":1,"status":"offline","boot":"9f2c41d07a","ts":1767229200000}"""),
        new("telemetry", Topics.Telemetry(Device),
            new TelemetryMessage
            {
                V = 1, Seq = 0, Ts = 1767225612400, Interval = 30,
                Metrics = new Dictionary<string, double> { ["rssi_dbm"] = -71, ["temp_c"] = 41.5, ["uptime_s"] = 12 },
            },
            """{"v":1,"seq":0,"ts":1767225612400,"interval":30,"metrics":{"rssi_dbm":-71,"temp_c":41.5,"uptime_s":12}}"""),
        new("desired", Topics.Desired(Device),
            new DesiredStateMessage
            {
                V = 1, Version = 7, Ts = 1767225000000,
                State = new JsonObject { ["volume"] = 80, ["zones"] = new JsonArray("khoi-3", "xom-5"), ["quiet_hours"] = "22:00-05:00" },
            },
            """{"v":1,"version":7,"ts":1767225000000,"state":{"volume":80,"zones":["khoi-3","xom-5"],"quiet_hours":"22:00-05:00"}}"""),
        new("reported", Topics.Reported(Device),
            new ReportedStateMessage
            {
                V = 1, Version = 7, Ts = 1767225612600,
                State = new JsonObject { ["volume"] = 80, ["zones"] = new JsonArray("khoi-3", "xom-5") },
                Errors = new Dictionary<string, string> { ["quiet_hours"] = "not supported" },
            },
            """{"v":1,"version":7,"ts":1767225612600,"state":{"volume":80,"zones":["khoi-3","xom-5"]},"errors":{"quiet_hours":"not supported"}}"""),
        new("command ping", Topics.Command(Device),
            new CommandMessage { V = 1, Id = "c-1a2b", Op = "ping", Expires = 1767225630000 },
            """{"v":1,"id":"c-1a2b","op":"ping","expires":1767225630000}"""),
        new("command reboot", Topics.Command(Device),
            new CommandMessage { V = 1, Id = "c-1a2c", Op = "reboot", Args = [], Expires = 1767225660000 },
            """{"v":1,"id":"c-1a2c","op":"reboot","args":{},"expires":1767225660000}"""),
        new("reply ok", Topics.Reply(Device),
            new ReplyMessage { V = 1, Id = "c-1a2b", Status = "ok", Data = new JsonObject { ["ts"] = 1767225600450 } },
            """{"v":1,"id":"c-1a2b","status":"ok","data":{"ts":1767225600450}}"""),
        new("reply expired", Topics.Reply(Device),
            new ReplyMessage { V = 1, Id = "c-1a2c", Status = "error", Error = "expired" },
            """{"v":1,"id":"c-1a2c","status":"error","error":"expired"}"""),
        new("reply unknown op", Topics.Reply(Device),
            new ReplyMessage { V = 1, Id = "c-1a2d", Status = "error", Error = "unknown op 'snapshot'" },
            """{"v":1,"id":"c-1a2d","status":"error","error":"unknown op \u0027snapshot\u0027"}"""),
        new("event playback", Topics.Event(Device),
            new EventMessage { V = 1, Type = "playback.started", Ts = 1767225601510, Stream = Stream },
            """{"v":1,"type":"playback.started","ts":1767225601510,"stream":"bc-1042"}"""),
        new("event playback refused", Topics.Event(Device),
            new EventMessage
            {
                V = 1, Type = PlaybackEventTypes.Refused, Ts = 1767225601020, Stream = Stream,
                Data = new JsonObject { ["reason"] = PlaybackEventTypes.RefusedCodec, ["codec"] = "aac" },
            },
            """{"v":1,"type":"playback.refused","ts":1767225601020,"stream":"bc-1042","data":{"reason":"codec","codec":"aac"}}"""),
        new("event button", Topics.Event(Device),
            new EventMessage { V = 1, Type = "button.pressed", Ts = 1767225700000, Data = new JsonObject { ["button"] = "talk" } },
            """{"v":1,"type":"button.pressed","ts":1767225700000,"data":{"button":"talk"}}"""),
        new("time request", Topics.TimeRequest(Device),
            new TimeRequestMessage { V = 1, T1 = 1767225612000123 },
            """{"v":1,"t1":1767225612000123}"""),
        new("time reply", Topics.TimeReply(Device),
            new TimeReplyMessage { V = 1, T1 = 1767225612000123, T2 = 1767225612021450, T3 = 1767225612021530 },
            """{"v":1,"t1":1767225612000123,"t2":1767225612021450,"t3":1767225612021530}"""),
        new("play order", Topics.ZonePlay(Zone),
            new PlayOrderMessage
            {
                V = 1, Op = "play", Stream = Stream, Class = "emergency", Codec = "opus",
                Start = 1767225601500000, Volume = 90, Ts = 1767225601000,
            },
            """{"v":1,"op":"play","stream":"bc-1042","class":"emergency","codec":"opus","start":1767225601500000,"volume":90,"ts":1767225601000}"""),
        new("stop order", Topics.ZonePlay(Zone),
            new PlayOrderMessage { V = 1, Op = "stop", Stream = Stream, Ts = 1767225660000 },
            """{"v":1,"op":"stop","stream":"bc-1042","ts":1767225660000}"""),

        // §4.9 per-kind payloads.
        new("speaker desired", Topics.Desired("loa-khoi-1-a"),
            new DesiredStateMessage
            {
                V = 1, Version = 12, Ts = 1767225000000,
                State = new JsonObject { ["volume"] = 70, ["mute"] = false, ["power"] = true, ["zones"] = new JsonArray("khoi-1") },
            },
            """{"v":1,"version":12,"ts":1767225000000,"state":{"volume":70,"mute":false,"power":true,"zones":["khoi-1"]}}"""),
        new("speaker tone", Topics.Command("loa-khoi-1-a"),
            new CommandMessage { V = 1, Id = "c-1b2c", Op = "tone", Args = new JsonObject { ["freq_hz"] = 1000, ["seconds"] = 3 }, Expires = 1767225630000 },
            """{"v":1,"id":"c-1b2c","op":"tone","args":{"freq_hz":1000,"seconds":3},"expires":1767225630000}"""),
        new("wifi desired", Topics.Desired("wifi-khoi-3"),
            new DesiredStateMessage
            {
                V = 1, Version = 4, Ts = 1767225000000,
                State = new JsonObject { ["ssid_broadcast"] = true, ["hours"] = "05:00-23:00", ["client_kbps"] = 2048, ["max_clients"] = 40 },
            },
            """{"v":1,"version":4,"ts":1767225000000,"state":{"ssid_broadcast":true,"hours":"05:00-23:00","client_kbps":2048,"max_clients":40}}"""),
        new("wifi telemetry", Topics.Telemetry("wifi-khoi-3"),
            new TelemetryMessage
            {
                V = 1, Seq = 118, Ts = 1767225630000, Interval = 30,
                Metrics = new Dictionary<string, double>
                {
                    ["ap_open"] = 1, ["clients"] = 17, ["rx_bytes"] = 48213004, ["tx_bytes"] = 190344120, ["uplink_rssi"] = -74, ["uplink_quality_pct"] = 72,
                },
            },
            """{"v":1,"seq":118,"ts":1767225630000,"interval":30,"metrics":{"ap_open":1,"clients":17,"rx_bytes":48213004,"tx_bytes":190344120,"uplink_rssi":-74,"uplink_quality_pct":72}}"""),
        new("camera snapshot", Topics.Command("cam-nga-tu"),
            new CommandMessage
            {
                V = 1, Id = "c-7f3e", Op = "snapshot", Expires = 1767225630000,
                Args = new JsonObject { ["url"] = "http://10.8.0.1:8080/api/v1/devices/cam-nga-tu/snapshots/c-7f3e" },
            },
            """{"v":1,"id":"c-7f3e","op":"snapshot","args":{"url":"http://10.8.0.1:8080/api/v1/devices/cam-nga-tu/snapshots/c-7f3e"},"expires":1767225630000}"""),
        new("camera snapshot reply", Topics.Reply("cam-nga-tu"),
            new ReplyMessage { V = 1, Id = "c-7f3e", Status = "ok", Data = new JsonObject { ["bytes"] = 48213, ["type"] = "image/jpeg" } },
            """{"v":1,"id":"c-7f3e","status":"ok","data":{"bytes":48213,"type":"image/jpeg"}}"""),
        new("camera tamper", Topics.Event("cam-nga-tu"),
            new EventMessage { V = 1, Type = "camera.tamper", Ts = 1767225700000, Data = new JsonObject { ["reason"] = "lens covered" } },
            """{"v":1,"type":"camera.tamper","ts":1767225700000,"data":{"reason":"lens covered"}}"""),
        new("led desired", Topics.Desired("led-cho-tan-ky"),
            new DesiredStateMessage
            {
                V = 1, Version = 3, Ts = 1767225000000,
                State = new JsonObject
                {
                    ["brightness"] = 80,
                    ["message"] = new JsonObject { ["text"] = "Họp dân 19h tại nhà văn hoá", ["class"] = "announcement", ["seconds"] = 3600 },
                },
            },
            """{"v":1,"version":3,"ts":1767225000000,"state":{"brightness":80,"message":{"text":"H\u1ECDp d\u00E2n 19h t\u1EA1i nh\u00E0 v\u0103n ho\u00E1","class":"announcement","seconds":3600}}}"""),
    ];

    /// <summary>Names of <see cref="All"/>, for theories (names serialise; messages do not).</summary>
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var g in All)
        {
            data.Add(g.Name);
        }

        return data;
    }

    public static GoldenMessage Get(string name) => All.Single(g => g.Name == name);

    public static byte[] Serialize(IProtocolMessage message) => message switch
    {
        HubStateMessage m => ProtocolJson.Serialize(m),
        DeviceStateMessage m => ProtocolJson.Serialize(m),
        TelemetryMessage m => ProtocolJson.Serialize(m),
        DesiredStateMessage m => ProtocolJson.Serialize(m),
        ReportedStateMessage m => ProtocolJson.Serialize(m),
        CommandMessage m => ProtocolJson.Serialize(m),
        ReplyMessage m => ProtocolJson.Serialize(m),
        EventMessage m => ProtocolJson.Serialize(m),
        TimeRequestMessage m => ProtocolJson.Serialize(m),
        TimeReplyMessage m => ProtocolJson.Serialize(m),
        PlayOrderMessage m => ProtocolJson.Serialize(m),
        _ => throw new ArgumentOutOfRangeException(nameof(message), message.GetType().Name, "not a protocol message"),
    };
}
