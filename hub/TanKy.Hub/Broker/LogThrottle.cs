using System.Collections.Concurrent;

namespace TanKy.Hub.Broker;

/// <summary>
/// Lets one message per key through per interval, and says how many were held back since.
/// A device stuck in a loop publishing to a forbidden topic must not fill the gateway's SD card
/// with log lines; the counters in <c>HubMetrics</c> still see every event.
/// </summary>
internal sealed class LogThrottle(TimeProvider time, TimeSpan interval, int maxKeys = 10_000)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    /// <summary>True when this occurrence should be logged at full level; <paramref name="suppressed"/> counts the ones held back before it.</summary>
    public bool ShouldLog(string key, out long suppressed)
    {
        var now = time.GetTimestamp();
        if (_windows.Count >= maxKeys && !_windows.ContainsKey(key))
        {
            // Many distinct keys means many misbehaving clients: forget the old windows rather than grow without bound.
            _windows.Clear();
        }

        var window = _windows.GetOrAdd(key, _ => new Window());
        lock (window)
        {
            if (window.Started != 0 && time.GetElapsedTime(window.Started, now) < interval)
            {
                window.Suppressed++;
                suppressed = 0;
                return false;
            }

            suppressed = window.Suppressed;
            window.Started = now;
            window.Suppressed = 0;
            return true;
        }
    }

    private sealed class Window
    {
        public long Started;
        public long Suppressed;
    }
}
