namespace TanKy.Hub.Broker;

/// <summary>
/// A token bucket on <see cref="TimeProvider"/>: starts full with <c>burst</c> tokens, refills at
/// <c>ratePerSecond</c>, one token per message. Decimal arithmetic on whole ticks, so a test on a fake
/// clock gets exact counts (0.05 s × 20/s is exactly one token, not 0.9999…).
/// </summary>
internal sealed class TokenBucket
{
    private readonly TimeProvider _time;
    private readonly decimal _ratePerTick;
    private readonly decimal _burst;
    private readonly Lock _gate = new();
    private decimal _tokens;
    private long _last;

    public TokenBucket(double ratePerSecond, int burst, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        _time = time;
        _ratePerTick = (decimal)ratePerSecond / TimeSpan.TicksPerSecond;
        _burst = burst;
        _tokens = burst;
        _last = time.GetTimestamp();
    }

    /// <summary>Takes one token; false (and nothing taken) when the bucket is empty.</summary>
    public bool TryTake()
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            var elapsed = _time.GetElapsedTime(_last, now).Ticks;
            if (elapsed > 0)
            {
                _tokens = Math.Min(_burst, _tokens + (elapsed * _ratePerTick));
                _last = now;
            }

            if (_tokens < 1)
            {
                return false;
            }

            _tokens -= 1;
            return true;
        }
    }
}
