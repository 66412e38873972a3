using System.Device.Gpio;
using Microsoft.Extensions.Options;

namespace TanKy.Hub.Gateway.Hardware;

/// <summary>
/// The cabinet's status LED: steady when idle, blinking while broadcasting, fast blink on a
/// fault — readable from across the room without a screen. Timed by the injected TimeProvider.
/// </summary>
internal sealed class StatusLed : IDisposable
{
    private readonly GpioController _gpio;
    private readonly GatewayHardwareOptions.StatusLedOptions _o;
    private readonly TimeProvider _time;
    private readonly bool _enabled;
    private readonly Lock _lock = new();
    private ITimer? _timer;
    private bool _lit;

    public StatusLed(GatewayGpio gpio, IOptions<GatewayHardwareOptions> options, TimeProvider time)
    {
        _gpio = gpio.Controller;
        _o = options.Value.StatusLed;
        _time = time;
        _enabled = options.Value.Enabled && _o.Enabled;
        if (_enabled)
        {
            _gpio.OpenPin(_o.Pin, PinMode.Output);
            Set(GatewayStatus.Idle);
        }
    }

    public GatewayStatus Status { get; private set; } = GatewayStatus.Idle;

    public void Set(GatewayStatus status)
    {
        if (!_enabled)
        {
            Status = status;
            return;
        }

        lock (_lock)
        {
            Status = status;
            _timer?.Dispose();
            _timer = null;
            Light(true);
            var period = status switch
            {
                GatewayStatus.Broadcasting => _o.BlinkPeriod,
                GatewayStatus.Fault => _o.FastBlinkPeriod,
                _ => TimeSpan.Zero,
            };
            if (period > TimeSpan.Zero)
            {
                var half = period / 2;
                _timer = _time.CreateTimer(_ => Toggle(), null, half, half);
            }
        }
    }

    private void Toggle()
    {
        lock (_lock)
        {
            Light(!_lit);
        }
    }

    private void Light(bool on)
    {
        _lit = on;
        _gpio.Write(_o.Pin, on == _o.ActiveHigh ? PinValue.High : PinValue.Low);
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _timer?.Dispose();
            _timer = null;
        }
    }
}
