namespace TanKy.Hub.Broker;

/// <summary>
/// The technicians' read-only MQTT account (section <c>Broker:Tools</c>), user name
/// <c>tools</c>. It may subscribe to everything of this site and publish nothing.
/// </summary>
public sealed class BrokerToolsOptions
{
    public bool Enabled { get; set; }

    /// <summary>The password as a <c>$7$</c> PBKDF2 hash (<c>mosquitto_passwd</c> or the hub CLI make one); never the clear password.</summary>
    public string? PasswordHash { get; set; }
}
