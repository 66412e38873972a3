namespace TanKy.Protocol;

/// <summary>Every topic of protocol v1, below the root <c>tanky/v1/{site}</c>.</summary>
public enum TopicKind
{
    HubState,
    DeviceState,
    Telemetry,
    Desired,
    Reported,
    Command,
    Reply,
    Event,
    TimeRequest,
    TimeReply,
    ZonePlay,
    Stream,
}
