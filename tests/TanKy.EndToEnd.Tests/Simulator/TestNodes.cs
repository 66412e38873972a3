using TanKy.DeviceSim.Node;
using TanKy.Protocol;
using TanKy.Tests.Shared;

namespace TanKy.EndToEnd.Tests.Simulator;

/// <summary>Node options with test-sized timings (fast backoff and reboot, quiet telemetry unless asked).</summary>
internal static class TestNodes
{
    public static NodeOptions Options(int port, string id = "loa-khoi-1-a", DeviceKind kind = DeviceKind.Speaker, TimeSpan? telemetry = null) => new()
    {
        Site = "tan-ky",
        Host = "127.0.0.1",
        Port = port,
        DeviceId = id,
        Kind = kind,
        Secret = "s3cret-for-tests",
        TelemetryInterval = telemetry ?? TimeSpan.FromMinutes(10),
        ReconnectBase = TimeSpan.FromMilliseconds(50),
        ReconnectCap = TimeSpan.FromMilliseconds(500),
        RebootDelay = TimeSpan.FromMilliseconds(50),
    };

    public static async Task<SimulatedNode> StartedAsync(NodeOptions options)
    {
        var node = new SimulatedNode(options);
        await node.StartAsync();
        await node.WaitUntilConnectedAsync(Waits.Default);
        return node;
    }
}
