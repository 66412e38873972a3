using TanKy.DeviceSim.Commands;

namespace TanKy.DeviceSim.Node;

/// <summary>Awaitable signals for tests and tools: wait for an outcome instead of sleeping.</summary>
public sealed partial class SimulatedNode
{
    /// <summary>Completes when the node is online (at once if it already is).</summary>
    public Task WaitUntilConnectedAsync(CancellationToken ct) => WaitUntilConnectedAsync(Timeout.InfiniteTimeSpan, ct);

    public async Task WaitUntilConnectedAsync(TimeSpan timeout, CancellationToken ct = default) =>
        await _waiters.WaitAsync($"{DeviceId} to connect", a => a.Kind == NodeActivityKind.Connected, () => IsConnected, timeout, ct);

    /// <summary>Completes when the node has lost its connection (at once if it is not online).</summary>
    public async Task WaitUntilDisconnectedAsync(TimeSpan timeout, CancellationToken ct = default) =>
        await _waiters.WaitAsync($"{DeviceId} to disconnect", a => a.Kind == NodeActivityKind.Disconnected, () => !IsConnected, timeout, ct);

    /// <summary>Completes when desired <paramref name="version"/> (or newer) is applied and its reported state published.</summary>
    public async Task WaitForDesiredAppliedAsync(long version, TimeSpan timeout, CancellationToken ct = default) =>
        await _waiters.WaitAsync(
            $"{DeviceId} to apply desired version {version}",
            a => a.Kind == NodeActivityKind.DesiredApplied && a.Version >= version,
            () => ReportedVersionAtLeast(version),
            timeout,
            ct);

    /// <summary>The outcome of command <paramref name="commandId"/>, once replied (at once if already handled).</summary>
    public async Task<CommandOutcome> WaitForCommandAsync(string commandId, TimeSpan timeout, CancellationToken ct = default)
    {
        var activity = await _waiters.WaitAsync(
            $"{DeviceId} to handle command {commandId}",
            a => a.Kind == NodeActivityKind.CommandHandled && a.Command?.Id == commandId,
            () => FindHandled(commandId) is not null,
            timeout,
            ct);
        return activity?.Command ?? FindHandled(commandId)!;
    }

    /// <summary>Completes once telemetry number <paramref name="seq"/> of the current boot is sent.</summary>
    public async Task WaitForTelemetryAsync(long seq, TimeSpan timeout, CancellationToken ct = default) =>
        await _waiters.WaitAsync(
            $"{DeviceId} to send telemetry seq {seq}",
            a => a.Kind == NodeActivityKind.TelemetrySent && a.Seq >= seq,
            () => Interlocked.Read(ref _seq) > seq,
            timeout,
            ct);

    /// <summary>The next activity matching <paramref name="match"/> (nothing from the past counts).</summary>
    public async Task<NodeActivity> WaitForActivityAsync(Func<NodeActivity, bool> match, TimeSpan timeout, CancellationToken ct = default) =>
        (await _waiters.WaitAsync($"{DeviceId} activity", match, () => false, timeout, ct))!;

    private bool ReportedVersionAtLeast(long version)
    {
        lock (_stateGate)
        {
            return _reportedVersion >= version;
        }
    }
}
