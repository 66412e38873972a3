using System.Text.Json.Serialization;
using TanKy.Protocol.Messages;

namespace TanKy.Protocol;

/// <summary>
/// Source-generated JSON for every message of protocol v1: camelCase names, nulls left out,
/// unknown fields ignored (a newer device may send more than this hub knows).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    NumberHandling = JsonNumberHandling.Strict,
    AllowTrailingCommas = false,
    MaxDepth = 16)]
[JsonSerializable(typeof(HubStateMessage))]
[JsonSerializable(typeof(DeviceStateMessage))]
[JsonSerializable(typeof(TelemetryMessage))]
[JsonSerializable(typeof(DesiredStateMessage))]
[JsonSerializable(typeof(ReportedStateMessage))]
[JsonSerializable(typeof(CommandMessage))]
[JsonSerializable(typeof(ReplyMessage))]
[JsonSerializable(typeof(EventMessage))]
[JsonSerializable(typeof(TimeRequestMessage))]
[JsonSerializable(typeof(TimeReplyMessage))]
[JsonSerializable(typeof(PlayOrderMessage))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext;
