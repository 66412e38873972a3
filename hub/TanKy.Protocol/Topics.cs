namespace TanKy.Protocol;

/// <summary>
/// Builds and parses the topics of protocol v1 for one site. All topics live under
/// <c>tanky/v1/{site}/</c>; the table is in hub/docs/protocol.md §3.
/// </summary>
public sealed class Topics
{
    public Topics(string site)
    {
        Site = Identifiers.Require(site, "site");
        Root = $"{ProtocolConstants.RootPrefix}/{Site}";
    }

    public string Site { get; }

    /// <summary><c>tanky/v1/{site}</c></summary>
    public string Root { get; }

    public string HubState => $"{Root}/hub/state";

    public string DeviceState(string deviceId) => Device(deviceId, "state");

    public string Telemetry(string deviceId) => Device(deviceId, "telemetry");

    public string Desired(string deviceId) => Device(deviceId, "desired");

    public string Reported(string deviceId) => Device(deviceId, "reported");

    public string Command(string deviceId) => Device(deviceId, "cmd");

    public string Reply(string deviceId) => Device(deviceId, "reply");

    public string Event(string deviceId) => Device(deviceId, "event");

    public string TimeRequest(string deviceId) => Device(deviceId, "time");

    public string TimeReply(string deviceId) => Device(deviceId, "time/reply");

    public string ZonePlay(string zoneId) => $"{Root}/zone/{Identifiers.Require(zoneId, "zone id")}/play";

    public string Stream(string streamId) => $"{Root}/stream/{Identifiers.Require(streamId, "stream id")}";

    /// <summary>Filter for one leaf of every device, e.g. <c>tanky/v1/tan-ky/dev/+/state</c>.</summary>
    public string AllDevices(string leaf) => $"{Root}/dev/+/{leaf}";

    /// <summary><c>tanky/v1/{site}/stream/+</c>, which every speaker subscribes to.</summary>
    public string AllStreams => $"{Root}/stream/+";

    public string Build(TopicKind kind, string? subject) => kind switch
    {
        TopicKind.HubState => HubState,
        TopicKind.DeviceState => DeviceState(subject!),
        TopicKind.Telemetry => Telemetry(subject!),
        TopicKind.Desired => Desired(subject!),
        TopicKind.Reported => Reported(subject!),
        TopicKind.Command => Command(subject!),
        TopicKind.Reply => Reply(subject!),
        TopicKind.Event => Event(subject!),
        TopicKind.TimeRequest => TimeRequest(subject!),
        TopicKind.TimeReply => TimeReply(subject!),
        TopicKind.ZonePlay => ZonePlay(subject!),
        TopicKind.Stream => Stream(subject!),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private string Device(string deviceId, string leaf) => $"{Root}/dev/{Identifiers.Require(deviceId, "device id")}/{leaf}";

    /// <summary>
    /// Parses any protocol v1 topic of any site. Returns false for anything that is not exactly
    /// one of the topics of the table (wrong root, unknown leaf, invalid identifier, wildcards).
    /// </summary>
    public static bool TryParse(string? topic, out ParsedTopic parsed)
    {
        parsed = default;
        if (string.IsNullOrEmpty(topic) || topic.Length > 256)
        {
            return false;
        }

        var parts = topic.Split('/');
        if (parts.Length < 5 || parts[0] != "tanky" || parts[1] != "v1" || !Identifiers.IsValid(parts[2]))
        {
            return false;
        }

        var site = parts[2];
        TopicKind? kind = (parts.Length, parts[3]) switch
        {
            (5, "hub") when parts[4] == "state" => TopicKind.HubState,
            (5, "stream") => TopicKind.Stream,
            (6, "zone") when parts[5] == "play" => TopicKind.ZonePlay,
            (6, "dev") => DeviceLeaf(parts[5]),
            (7, "dev") when parts[5] == "time" && parts[6] == "reply" => TopicKind.TimeReply,
            _ => null,
        };
        if (kind is null)
        {
            return false;
        }

        string? subject = kind == TopicKind.HubState ? null : parts[4];
        if (subject is not null && !Identifiers.IsValid(subject))
        {
            return false;
        }

        parsed = new ParsedTopic(site, kind.Value, subject);
        return true;
    }

    private static TopicKind? DeviceLeaf(string leaf) => leaf switch
    {
        "state" => TopicKind.DeviceState,
        "telemetry" => TopicKind.Telemetry,
        "desired" => TopicKind.Desired,
        "reported" => TopicKind.Reported,
        "cmd" => TopicKind.Command,
        "reply" => TopicKind.Reply,
        "event" => TopicKind.Event,
        "time" => TopicKind.TimeRequest,
        _ => null,
    };
}
