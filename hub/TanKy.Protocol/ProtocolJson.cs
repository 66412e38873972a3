using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using TanKy.Protocol.Messages;

namespace TanKy.Protocol;

/// <summary>Serialise and deserialise protocol messages through the source-generated context.</summary>
public static class ProtocolJson
{
    public static byte[] Serialize(HubStateMessage m) => JsonSerializer.SerializeToUtf8Bytes(m, ProtocolJsonContext.Default.HubStateMessage);

    public static byte[] Serialize(DeviceStateMessage m) => JsonSerializer.SerializeToUtf8Bytes(m, ProtocolJsonContext.Default.DeviceStateMessage);

    public static byte[] Serialize(TelemetryMessage m) => JsonSerializer.SerializeToUtf8Bytes(m, ProtocolJsonContext.Default.TelemetryMessage);

    public static byte[] Serialize(DesiredStateMessage m) => JsonSerializer.SerializeToUtf8Bytes(m, ProtocolJsonContext.Default.DesiredStateMessage);

    public static byte[] Serialize(ReportedStateMessage m) => JsonSerializer.SerializeToUtf8Bytes(m, ProtocolJsonContext.Default.ReportedStateMessage);

    public static byte[] Serialize(CommandMessage m) => JsonSerializer.SerializeToUtf8Bytes(m, ProtocolJsonContext.Default.CommandMessage);

    public static byte[] Serialize(ReplyMessage m) => JsonSerializer.SerializeToUtf8Bytes(m, ProtocolJsonContext.Default.ReplyMessage);

    public static byte[] Serialize(EventMessage m) => JsonSerializer.SerializeToUtf8Bytes(m, ProtocolJsonContext.Default.EventMessage);

    public static byte[] Serialize(TimeRequestMessage m) => JsonSerializer.SerializeToUtf8Bytes(m, ProtocolJsonContext.Default.TimeRequestMessage);

    public static byte[] Serialize(TimeReplyMessage m) => JsonSerializer.SerializeToUtf8Bytes(m, ProtocolJsonContext.Default.TimeReplyMessage);

    public static byte[] Serialize(PlayOrderMessage m) => JsonSerializer.SerializeToUtf8Bytes(m, ProtocolJsonContext.Default.PlayOrderMessage);

    /// <summary>JSON type info for the message carried on a topic kind; null for binary topics.</summary>
    public static JsonTypeInfo? TypeInfoFor(TopicKind kind) => kind switch
    {
        TopicKind.HubState => ProtocolJsonContext.Default.HubStateMessage,
        TopicKind.DeviceState => ProtocolJsonContext.Default.DeviceStateMessage,
        TopicKind.Telemetry => ProtocolJsonContext.Default.TelemetryMessage,
        TopicKind.Desired => ProtocolJsonContext.Default.DesiredStateMessage,
        TopicKind.Reported => ProtocolJsonContext.Default.ReportedStateMessage,
        TopicKind.Command => ProtocolJsonContext.Default.CommandMessage,
        TopicKind.Reply => ProtocolJsonContext.Default.ReplyMessage,
        TopicKind.Event => ProtocolJsonContext.Default.EventMessage,
        TopicKind.TimeRequest => ProtocolJsonContext.Default.TimeRequestMessage,
        TopicKind.TimeReply => ProtocolJsonContext.Default.TimeReplyMessage,
        TopicKind.ZonePlay => ProtocolJsonContext.Default.PlayOrderMessage,
        _ => null,
    };
}
