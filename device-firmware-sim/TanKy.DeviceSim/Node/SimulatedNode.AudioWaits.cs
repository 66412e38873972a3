using TanKy.DeviceSim.Audio;

namespace TanKy.DeviceSim.Node;

/// <summary>Awaitable audio outcomes, like the other waits: no sleeping, no polling.</summary>
public sealed partial class SimulatedNode
{
    /// <summary>Completes once the clock estimator is synchronised (at once if it already is).</summary>
    public async Task WaitForClockSynchronisedAsync(TimeSpan timeout, CancellationToken ct = default) =>
        await _waiters.WaitAsync(
            $"{DeviceId} to synchronise its clock",
            a => a.Kind == NodeActivityKind.ClockSynchronised,
            () => IsClockSynchronised,
            timeout,
            ct);

    /// <summary>The stream's stats once its first frame has played (at once if it already has).</summary>
    public Task<PlaybackStats> WaitForPlaybackStartedAsync(string streamId, TimeSpan timeout, CancellationToken ct = default) =>
        WaitForPlaybackAsync(streamId, "start", NodeActivityKind.PlaybackStarted, s => s.HasStarted, timeout, ct);

    /// <summary>The stream's final stats once it is released, whatever the reason (at once if it already is).</summary>
    public Task<PlaybackStats> WaitForPlaybackFinishedAsync(string streamId, TimeSpan timeout, CancellationToken ct = default) =>
        WaitForPlaybackAsync(streamId, "finish", NodeActivityKind.PlaybackFinished, s => s.Reason is not null, timeout, ct);

    private async Task<PlaybackStats> WaitForPlaybackAsync(
        string streamId, string what, NodeActivityKind kind, Func<PlaybackStats, bool> done, TimeSpan timeout, CancellationToken ct)
    {
        await _waiters.WaitAsync(
            $"{DeviceId} to {what} playing {streamId}",
            a => a.Kind == kind && a.Detail == streamId,
            () => PlaybackOf(streamId) is { } s && done(s),
            timeout,
            ct);
        return PlaybackOf(streamId)!;
    }
}
