namespace TanKy.Hub.Gateway.Hardware;

/// <summary>
/// Fires once per press that is held for the hold time (on a TimeProvider). Releasing earlier
/// fires nothing; holding longer fires nothing more.
/// </summary>
internal sealed class LongPressDetector : IDisposable
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _hold;
    private readonly Action _longPress;
    private readonly Lock _lock = new();
    private ITimer? _timer;
    private long _press;

    public LongPressDetector(TimeProvider time, TimeSpan hold, Action longPress)
    {
        _time = time;
        _hold = hold;
        _longPress = longPress;
    }

    public void Pressed(bool pressed)
    {
        lock (_lock)
        {
            _timer?.Dispose();
            _timer = null;
            var press = ++_press;
            if (pressed)
            {
                _timer = _time.CreateTimer(_ => Held(press), null, _hold, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void Held(long press)
    {
        lock (_lock)
        {
            // A release (or a new press) since this timer was set makes it stale.
            if (press != _press)
            {
                return;
            }
        }

        _longPress();
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _timer?.Dispose();
        }
    }
}
