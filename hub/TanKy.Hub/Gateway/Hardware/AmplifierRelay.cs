using System.Device.Gpio;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TanKy.Hub.Gateway.Hardware;

/// <summary>
/// Amplifier power for the gateway's own zone. Each broadcast holds the relay from its
/// preparation to its release; overlapping broadcasts keep it on, and the hang time keeps
/// back-to-back bulletins from clicking the amplifier off and on (and losing their first words).
/// </summary>
internal sealed class AmplifierRelay : IAmplifierRelay, IDisposable
{
    private readonly GpioController _gpio;
    private readonly GatewayHardwareOptions.RelayOptions _o;
    private readonly TimeProvider _time;
    private readonly ILogger<AmplifierRelay> _log;
    private readonly bool _enabled;
    private readonly HashSet<string> _holders = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private ITimer? _offTimer;

    public AmplifierRelay(GatewayGpio gpio, IOptions<GatewayHardwareOptions> options, TimeProvider time, ILogger<AmplifierRelay> log)
    {
        _gpio = gpio.Controller;
        _o = options.Value.Relay;
        _time = time;
        _log = log;
        _enabled = options.Value.Enabled && _o.Enabled && _o.Zones.Count > 0;
        if (_enabled)
        {
            _gpio.OpenPin(_o.Pin, PinMode.Output);
            Switch(false);
        }
    }

    public bool IsOn { get; private set; }

    public async Task<bool> PrepareAsync(string broadcastId, IReadOnlyCollection<string> zones, DateTimeOffset playoutStart, CancellationToken ct)
    {
        if (!_enabled || !zones.Any(_o.Zones.Contains))
        {
            return false;
        }

        lock (_lock)
        {
            _holders.Add(broadcastId);
            _offTimer?.Dispose();
            _offTimer = null;
        }

        var wait = playoutStart - _o.PreRoll - _time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time, ct);
        }

        lock (_lock)
        {
            // Released (cancelled) while waiting: nothing to power.
            if (_holders.Contains(broadcastId) && !IsOn)
            {
                Switch(true);
            }
        }

        return true;
    }

    public void Release(string broadcastId, DateTimeOffset playoutEnd)
    {
        lock (_lock)
        {
            if (!_holders.Remove(broadcastId) || _holders.Count > 0)
            {
                return;
            }

            var wait = playoutEnd + _o.HangTime - _time.GetUtcNow();
            _offTimer?.Dispose();
            _offTimer = _time.CreateTimer(_ => SwitchOffIfFree(), null, wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    private void SwitchOffIfFree()
    {
        lock (_lock)
        {
            if (_holders.Count == 0 && IsOn)
            {
                Switch(false);
            }
        }
    }

    private void Switch(bool on)
    {
        _gpio.Write(_o.Pin, on == _o.ActiveHigh ? PinValue.High : PinValue.Low);
        IsOn = on;
        _log.LogInformation("Amplifier relay on GPIO {Pin} switched {State}", _o.Pin, on ? "on" : "off");
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _offTimer?.Dispose();
        }
    }
}
