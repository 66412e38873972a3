namespace TanKy.Hub.Broker;

/// <summary>Who an authenticated MQTT client is, for the ACL.</summary>
internal enum MqttIdentityKind
{
    Device,
    Hub,
    Tools,
}
