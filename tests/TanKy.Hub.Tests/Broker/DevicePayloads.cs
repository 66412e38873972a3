namespace TanKy.Hub.Tests.Broker;

/// <summary>Valid protocol v1 payloads a device sends.</summary>
internal static class DevicePayloads
{
    public const string Birth = """{"v":1,"status":"online","kind":"speaker","fw":"1.0.0","boot":"b1","caps":["opus"],"interval":30,"ts":1}""";

    public const string Telemetry = """{"v":1,"seq":1,"ts":1,"metrics":{"rssi":-60}}""";

    public const string Event = """{"v":1,"type":"playback.started","ts":1}""";

    public const string TimeRequest = """{"v":1,"t1":12345}""";

    public const string Desired = """{"v":1,"version":3,"state":{"volume":70}}""";

    public const string Command = """{"v":1,"id":"c1","op":"reboot","expires":0}""";

    public static string Topic(string leaf, string device = "dev-a") => $"tanky/v1/{EmbeddedBrokerHarness.Site}/dev/{device}/{leaf}";

    public static string Root => $"tanky/v1/{EmbeddedBrokerHarness.Site}";
}
