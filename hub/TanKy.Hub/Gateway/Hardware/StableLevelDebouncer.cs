namespace TanKy.Hub.Gateway.Hardware;

/// <summary>
/// Reports a level only after it has held for the settle time, measured on a TimeProvider.
/// GpioButton's own debounce (4.2) is a lock-out after release on the wall clock: a bouncing
/// press can end with it believing the button is up while it is held (see the tests), so the
/// state is settled here instead.
/// </summary>
internal sealed class StableLevelDebouncer : IDisposable
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _settle;
    private readonly Action<bool> _changed;
    private readonly Lock _lock = new();
    private ITimer? _timer;
    private bool _raw;
    private bool _stable;

    public StableLevelDebouncer(TimeProvider time, TimeSpan settle, Action<bool> changed)
    {
        _time = time;
        _settle = settle;
        _changed = changed;
    }

    public bool IsPressed
    {
        get
        {
            lock (_lock)
            {
                return _stable;
            }
        }
    }

    /// <summary>A raw edge: true = pressed. Restarts the settle timer.</summary>
    public void Edge(bool pressed)
    {
        lock (_lock)
        {
            _raw = pressed;
            _timer?.Dispose();
            _timer = _time.CreateTimer(_ => Settle(), null, _settle, Timeout.InfiniteTimeSpan);
        }
    }

    private void Settle()
    {
        bool report;
        lock (_lock)
        {
            report = _raw != _stable;
            _stable = _raw;
        }

        if (report)
        {
            _changed(_stable);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _timer?.Dispose();
        }
    }
}
