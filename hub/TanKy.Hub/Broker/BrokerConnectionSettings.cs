namespace TanKy.Hub.Broker;

/// <summary>Where and as whom the hub's own MQTT client connects. <see cref="ToString"/> leaves the password out.</summary>
internal sealed record BrokerConnectionSettings(string Host, int Port, bool UseTls, string UserName, string Password)
{
    public override string ToString() => $"{UserName}@{Host}:{Port}{(UseTls ? " (TLS)" : "")}";
}
