namespace TanKy.Protocol;

/// <summary>A topic taken apart. <see cref="Subject"/> is the device, zone or stream id (null for hub/state).</summary>
public readonly record struct ParsedTopic(string Site, TopicKind Kind, string? Subject)
{
    /// <summary>True for topics a device publishes (and the hub receives from devices).</summary>
    public bool IsDevicePublished => Kind is TopicKind.DeviceState or TopicKind.Telemetry or TopicKind.Reported
        or TopicKind.Reply or TopicKind.Event or TopicKind.TimeRequest;
}
