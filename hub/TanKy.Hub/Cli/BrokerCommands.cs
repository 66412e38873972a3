using System.CommandLine;

namespace TanKy.Hub.Cli;

/// <summary><c>tanky-hub broker export-mosquitto-config --out DIR</c>.</summary>
internal static class BrokerCommands
{
    public static Command Build() => new("broker", "Máy chủ MQTT / MQTT broker tools");
}
