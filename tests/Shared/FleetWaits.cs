using TanKy.DeviceSim.Fleet;

namespace TanKy.Tests.Shared;

/// <summary>Awaitable outcomes of a whole <see cref="FleetRunner"/>, built on <see cref="NodeWaits"/>.</summary>
internal static class FleetWaits
{
    public static Task WaitUntilAllConnectedAsync(this FleetRunner runner, TimeSpan timeout, CancellationToken ct = default) =>
        Task.WhenAll(runner.Nodes.Select(n => n.WaitUntilConnectedAsync(timeout, ct)));

    /// <summary>Completes when every speaker follows the zones <paramref name="zonesOf"/> gives for it (its registry zones, published by the hub as desired state).</summary>
    public static Task WaitUntilSpeakersFollowZonesAsync(this FleetRunner runner, Func<string, IEnumerable<string>> zonesOf, TimeSpan timeout, CancellationToken ct = default) =>
        Task.WhenAll(runner.Nodes.Where(n => n.Options.Kind == TanKy.Protocol.DeviceKind.Speaker).Select(n => n.WaitForZonesAsync(zonesOf(n.DeviceId), timeout, ct)));
}
