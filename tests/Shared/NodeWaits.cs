using TanKy.DeviceSim.Audio;
using TanKy.DeviceSim.Commands;
using TanKy.DeviceSim.Node;

namespace TanKy.Tests.Shared;

/// <summary>
/// Awaitable outcomes of a <see cref="SimulatedNode"/> for tests and the bench: wait for an
/// outcome, never sleep or poll. They live here, not in the simulator: a firmware has no use for
/// them, and the node exposes only its activity stream and the state the waits check.
/// </summary>
internal static class NodeWaits
{
    /// <summary>Completes when the node is online (at once if it already is).</summary>
    public static Task WaitUntilConnectedAsync(this SimulatedNode node, CancellationToken ct) =>
        node.WaitUntilConnectedAsync(Timeout.InfiniteTimeSpan, ct);

    public static async Task WaitUntilConnectedAsync(this SimulatedNode node, TimeSpan timeout, CancellationToken ct = default) =>
        await ActivityWait.ForAsync(node, $"{node.DeviceId} to connect", a => a.Kind == NodeActivityKind.Connected, () => node.IsConnected, timeout, ct);

    /// <summary>Completes when the node has lost its connection (at once if it is not online).</summary>
    public static async Task WaitUntilDisconnectedAsync(this SimulatedNode node, TimeSpan timeout, CancellationToken ct = default) =>
        await ActivityWait.ForAsync(node, $"{node.DeviceId} to disconnect", a => a.Kind == NodeActivityKind.Disconnected, () => !node.IsConnected, timeout, ct);

    /// <summary>Completes when desired <paramref name="version"/> (or newer) is applied and its reported state published.</summary>
    public static async Task WaitForDesiredAppliedAsync(this SimulatedNode node, long version, TimeSpan timeout, CancellationToken ct = default) =>
        await ActivityWait.ForAsync(
            node,
            $"{node.DeviceId} to apply desired version {version}",
            a => a.Kind == NodeActivityKind.DesiredApplied && a.Version >= version,
            () => node.ReportedVersion >= version,
            timeout,
            ct);

    /// <summary>
    /// Completes when the speaker follows exactly <paramref name="zones"/>: its applied desired
    /// zones are subscribed on this connection (SUBACK in), so a play order published from now on
    /// reaches it. Zones come only over the protocol (issue #15); at once if already so.
    /// </summary>
    public static async Task WaitForZonesAsync(this SimulatedNode node, IEnumerable<string> zones, TimeSpan timeout, CancellationToken ct = default)
    {
        var wanted = zones.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        bool Following() => node.SubscribedZones.SequenceEqual(wanted, StringComparer.Ordinal);
        await ActivityWait.ForAsync(
            node,
            $"{node.DeviceId} to follow zones {string.Join(",", wanted)} (now: {string.Join(",", node.SubscribedZones)})",
            a => a.Kind == NodeActivityKind.ZonesSubscribed && Following(),
            Following,
            timeout,
            ct);
    }

    /// <summary>The outcome of command <paramref name="commandId"/>, once replied (at once if already handled).</summary>
    public static async Task<CommandOutcome> WaitForCommandAsync(this SimulatedNode node, string commandId, TimeSpan timeout, CancellationToken ct = default)
    {
        var activity = await ActivityWait.ForAsync(
            node,
            $"{node.DeviceId} to handle command {commandId}",
            a => a.Kind == NodeActivityKind.CommandHandled && a.Command?.Id == commandId,
            () => node.HandledCommand(commandId) is not null,
            timeout,
            ct);
        return activity?.Command ?? node.HandledCommand(commandId)!;
    }

    /// <summary>Completes once telemetry number <paramref name="seq"/> of the current boot is sent.</summary>
    public static async Task WaitForTelemetryAsync(this SimulatedNode node, long seq, TimeSpan timeout, CancellationToken ct = default) =>
        await ActivityWait.ForAsync(
            node,
            $"{node.DeviceId} to send telemetry seq {seq}",
            a => a.Kind == NodeActivityKind.TelemetrySent && a.Seq >= seq,
            () => node.TelemetrySent > seq,
            timeout,
            ct);

    /// <summary>The next activity matching <paramref name="match"/> (nothing from the past counts).</summary>
    public static async Task<NodeActivity> WaitForActivityAsync(this SimulatedNode node, Func<NodeActivity, bool> match, TimeSpan timeout, CancellationToken ct = default) =>
        (await ActivityWait.ForAsync(node, $"{node.DeviceId} activity", match, () => false, timeout, ct))!;

    /// <summary>Completes once the clock estimator is synchronised (at once if it already is).</summary>
    public static async Task WaitForClockSynchronisedAsync(this SimulatedNode node, TimeSpan timeout, CancellationToken ct = default) =>
        await ActivityWait.ForAsync(
            node,
            $"{node.DeviceId} to synchronise its clock",
            a => a.Kind == NodeActivityKind.ClockSynchronised,
            () => node.IsClockSynchronised,
            timeout,
            ct);

    /// <summary>The stream's stats once its first frame has played (at once if it already has).</summary>
    public static Task<PlaybackStats> WaitForPlaybackStartedAsync(this SimulatedNode node, string streamId, TimeSpan timeout, CancellationToken ct = default) =>
        node.WaitForPlaybackAsync(streamId, "start", NodeActivityKind.PlaybackStarted, s => s.HasStarted, timeout, ct);

    /// <summary>The stream's final stats once it is released, whatever the reason (at once if it already is).</summary>
    public static Task<PlaybackStats> WaitForPlaybackFinishedAsync(this SimulatedNode node, string streamId, TimeSpan timeout, CancellationToken ct = default) =>
        node.WaitForPlaybackAsync(streamId, "finish", NodeActivityKind.PlaybackFinished, s => s.Reason is not null, timeout, ct);

    private static async Task<PlaybackStats> WaitForPlaybackAsync(
        this SimulatedNode node, string streamId, string what, NodeActivityKind kind, Func<PlaybackStats, bool> done, TimeSpan timeout, CancellationToken ct)
    {
        await ActivityWait.ForAsync(
            node,
            $"{node.DeviceId} to {what} playing {streamId}",
            a => a.Kind == kind && a.Detail == streamId,
            () => node.PlaybackOf(streamId) is { } s && done(s),
            timeout,
            ct);
        return node.PlaybackOf(streamId)!;
    }
}
