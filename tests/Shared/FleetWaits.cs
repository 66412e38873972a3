using TanKy.DeviceSim.Fleet;

namespace TanKy.Tests.Shared;

/// <summary>Awaitable outcomes of a whole <see cref="FleetRunner"/>, built on <see cref="NodeWaits"/>.</summary>
internal static class FleetWaits
{
    public static Task WaitUntilAllConnectedAsync(this FleetRunner runner, TimeSpan timeout, CancellationToken ct = default) =>
        Task.WhenAll(runner.Nodes.Select(n => n.WaitUntilConnectedAsync(timeout, ct)));
}
