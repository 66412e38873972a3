namespace TanKy.Hub.Broker;

/// <summary>An authenticated MQTT client as <see cref="TopicAcl"/> sees it.</summary>
public sealed class MqttIdentity
{
    private MqttIdentity(MqttIdentityKind kind, string name, IReadOnlySet<string> zones)
    {
        Kind = kind;
        Name = name;
        Zones = zones;
    }

    public static MqttIdentity Hub { get; } = new(MqttIdentityKind.Hub, BrokerIdentities.HubUserName, new HashSet<string>());

    public static MqttIdentity Tools { get; } = new(MqttIdentityKind.Tools, BrokerIdentities.ToolsUserName, new HashSet<string>());

    public MqttIdentityKind Kind { get; }

    /// <summary>The device id for devices; the user name otherwise.</summary>
    public string Name { get; }

    /// <summary>Zones whose play orders a device may receive (empty for others).</summary>
    public IReadOnlySet<string> Zones { get; }

    public static MqttIdentity Device(string deviceId, IEnumerable<string> zones) =>
        new(MqttIdentityKind.Device, deviceId, new HashSet<string>(zones, StringComparer.Ordinal));

    public override string ToString() => $"{Kind}:{Name}";
}
