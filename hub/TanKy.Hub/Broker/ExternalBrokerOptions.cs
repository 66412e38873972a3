namespace TanKy.Hub.Broker;

/// <summary>How the hub reaches an external broker (section <c>Broker:External</c>).</summary>
public sealed class ExternalBrokerOptions
{
    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 1883;

    public bool UseTls { get; set; }

    public string UserName { get; set; } = BrokerIdentities.HubUserName;

    /// <summary>Leave empty to read the credentials the Mosquitto exporter wrote (<see cref="CredentialsFile"/>).</summary>
    public string? Password { get; set; }

    /// <summary>JSON credentials file; default <c>{DataDir}/external-broker.json</c>.</summary>
    public string? CredentialsFile { get; set; }
}
