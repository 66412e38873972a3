namespace TanKy.Hub.Broker;

/// <summary>Where the MQTT broker runs.</summary>
public enum BrokerMode
{
    /// <summary>MQTTnet server inside the hub process (the default on a gateway).</summary>
    Embedded,

    /// <summary>An outside broker (Mosquitto, configured by the exporter); the hub is one of its clients.</summary>
    External,
}
