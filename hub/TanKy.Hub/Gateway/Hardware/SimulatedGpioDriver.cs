using System.Collections.Concurrent;
using System.Device.Gpio;

namespace TanKy.Hub.Gateway.Hardware;

/// <summary>
/// A GPIO chip in memory, for gateways without one (development machines, CI) and for tests:
/// pins hold values, outputs are logged with the time they were written, and
/// <see cref="SetInput"/> plays a level change on an input pin (a button contact) with its callbacks.
/// </summary>
internal sealed class SimulatedGpioDriver(TimeProvider? time = null, int pinCount = 64) : GpioDriver
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<int, PinValue> _values = new();
    private readonly ConcurrentDictionary<int, PinMode> _modes = new();
    private readonly ConcurrentDictionary<int, List<(PinEventTypes Types, PinChangeEventHandler Handler)>> _callbacks = new();
    private readonly List<PinWrite> _writes = [];
    private readonly Lock _lock = new();

    /// <summary>Every output write, in order, with the (possibly fake) time it happened.</summary>
    public IReadOnlyList<PinWrite> Writes
    {
        get
        {
            lock (_lock)
            {
                return _writes.ToList();
            }
        }
    }

    public PinValue Value(int pin) => _values.GetValueOrDefault(pin, PinValue.Low);

    public bool IsOpen(int pin) => _modes.ContainsKey(pin);

    /// <summary>Drives an input pin to <paramref name="value"/>; a change fires the matching edge callbacks synchronously.</summary>
    public void SetInput(int pin, PinValue value)
    {
        var old = _values.GetValueOrDefault(pin, DefaultLevel(pin));
        _values[pin] = value;
        if (old == value)
        {
            return;
        }

        var edge = value == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
        List<(PinEventTypes Types, PinChangeEventHandler Handler)> handlers;
        lock (_lock)
        {
            handlers = _callbacks.TryGetValue(pin, out var list) ? list.ToList() : [];
        }

        foreach (var (types, handler) in handlers.Where(h => h.Types.HasFlag(edge)))
        {
            handler(this, new PinValueChangedEventArgs(edge, pin));
        }
    }

    protected override int PinCount => pinCount;

    protected override void OpenPin(int pinNumber) => _modes.TryAdd(pinNumber, PinMode.Input);

    protected override void ClosePin(int pinNumber)
    {
        _modes.TryRemove(pinNumber, out _);
        _callbacks.TryRemove(pinNumber, out _);
    }

    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        _modes[pinNumber] = mode;

        // Pull resistors define the idle level of an open contact, as on the real board.
        if (mode is PinMode.InputPullUp or PinMode.InputPullDown && !_values.ContainsKey(pinNumber))
        {
            _values[pinNumber] = mode == PinMode.InputPullUp ? PinValue.High : PinValue.Low;
        }
    }

    protected override PinMode GetPinMode(int pinNumber) => _modes.GetValueOrDefault(pinNumber, PinMode.Input);

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => pinNumber >= 0 && pinNumber < pinCount;

    protected override PinValue Read(int pinNumber) => _values.GetValueOrDefault(pinNumber, DefaultLevel(pinNumber));

    protected override void Write(int pinNumber, PinValue value)
    {
        _values[pinNumber] = value;
        lock (_lock)
        {
            _writes.Add(new PinWrite(pinNumber, value == PinValue.High, _time.GetUtcNow()));
        }
    }

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the simulated driver is event-driven; register a callback instead");

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        lock (_lock)
        {
            _callbacks.GetOrAdd(pinNumber, _ => []).Add((eventTypes, callback));
        }
    }

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        lock (_lock)
        {
            if (_callbacks.TryGetValue(pinNumber, out var list))
            {
                list.RemoveAll(c => c.Handler == callback);
            }
        }
    }

    private PinValue DefaultLevel(int pin) => _modes.GetValueOrDefault(pin) == PinMode.InputPullUp ? PinValue.High : PinValue.Low;
}
