namespace TanKy.DeviceSim.Node;

/// <summary>
/// Exponential backoff with full jitter: a uniform delay in [0, min(cap, base·2^attempt)].
/// Full jitter spreads a fleet that lost the broker together, so they do not all come back
/// in the same millisecond (a thundering herd on a Raspberry-Pi broker).
/// </summary>
internal static class ReconnectBackoff
{
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan cap)
    {
        var exponent = Math.Min(attempt, 30);
        var ceiling = Math.Min(cap.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }
}
