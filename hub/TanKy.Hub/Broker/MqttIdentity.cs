namespace TanKy.Hub.Broker;

/// <summary>An authenticated MQTT client as <see cref="TopicAcl"/> sees it.</summary>
internal sealed class MqttIdentity
{
    private MqttIdentity(MqttIdentityKind kind, string name, IReadOnlySet<string> zones, string? credentialStamp = null)
    {
        Kind = kind;
        Name = name;
        Zones = zones;
        CredentialStamp = credentialStamp;
    }

    public static MqttIdentity Hub { get; } = new(MqttIdentityKind.Hub, BrokerIdentities.HubUserName, new HashSet<string>());

    public static MqttIdentity Tools { get; } = new(MqttIdentityKind.Tools, BrokerIdentities.ToolsUserName, new HashSet<string>());

    public MqttIdentityKind Kind { get; }

    /// <summary>The device id for devices; the user name otherwise.</summary>
    public string Name { get; }

    /// <summary>Zones whose play orders a device may receive (empty for others).</summary>
    public IReadOnlySet<string> Zones { get; }

    /// <summary>The device's credential stamp when it connected (see <see cref="RevokedSessionSweeper"/>).</summary>
    public string? CredentialStamp { get; }

    public static MqttIdentity Device(string deviceId, IEnumerable<string> zones, string? credentialStamp = null) =>
        new(MqttIdentityKind.Device, deviceId, new HashSet<string>(zones, StringComparer.Ordinal), credentialStamp);

    public override string ToString() => $"{Kind}:{Name}";
}
