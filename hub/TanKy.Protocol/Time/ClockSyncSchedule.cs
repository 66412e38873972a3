namespace TanKy.Protocol.Time;

/// <summary>
/// When a node sends <c>dev/{id}/time</c> requests, as offsets from its first request: a burst at
/// connect, then one request per <see cref="ConvergenceInterval"/> until the drift is known, then
/// one per <see cref="Period"/>. Data only — the node (or the device simulator) drives the
/// exchange. Requests are not serialised: a reply is matched to its request by the echoed t1.
/// Measured in protocol-audio.md §2.3.
/// </summary>
public sealed record ClockSyncSchedule
{
    public static ClockSyncSchedule Default { get; } = new();

    /// <summary>
    /// Exchanges right after connecting (and after <see cref="ClockOffsetEstimator.Reset"/>). The
    /// error shrinks with the smallest one-way delay among them, roughly as 1/count.
    /// </summary>
    public int BurstCount { get; init; } = 96;

    public TimeSpan BurstSpacing { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Exchanges after the burst at <see cref="ConvergenceInterval"/>. Until about a hundred samples
    /// span tens of seconds, a drifting crystal (±50 ppm) is indistinguishable from delay noise.
    /// </summary>
    public int ConvergenceCount { get; init; } = 120;

    public TimeSpan ConvergenceInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Steady-state interval once converged.</summary>
    public TimeSpan Period { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A node waits a random time up to this before its burst, so a broker restart is no stampede.</summary>
    public TimeSpan MaxStartJitter { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A request unanswered this long is forgotten (QoS 0 may lose it).</summary>
    public TimeSpan ReplyTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>When exchange <paramref name="index"/> (0-based) is sent, counted from the first request.</summary>
    public TimeSpan SendTime(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (index < BurstCount)
        {
            return BurstSpacing * index;
        }

        var burstEnd = BurstSpacing * (BurstCount - 1);
        var converging = index - BurstCount + 1;
        if (converging <= ConvergenceCount)
        {
            return burstEnd + (ConvergenceInterval * converging);
        }

        return burstEnd + (ConvergenceInterval * ConvergenceCount) + (Period * (converging - ConvergenceCount));
    }

    /// <summary>Time from one request to the next: what a node's timer waits after sending <paramref name="index"/>.</summary>
    public TimeSpan DelayAfter(int index) => SendTime(index + 1) - SendTime(index);
}
