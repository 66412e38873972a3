using System.Device.Gpio;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TanKy.Hub.Emergency;
using TanKy.Hub.Gateway.Hardware;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.Emergency;

/// <summary>Gateway hardware over the simulated driver and a fake clock.</summary>
internal sealed class GatewayRig : IDisposable
{
    public GatewayRig(Action<GatewayHardwareOptions>? configure = null)
    {
        Options = new GatewayHardwareOptions { Enabled = true };
        Options.Button.Enabled = true;
        Options.Button.Zones = ["khoi-1"];
        Options.Button.SirenMediaId = "coi-hu";
        Options.Button.MessageMediaId = "loi-nhan";
        Options.StatusLed.Enabled = true;
        Options.Relay.Enabled = true;
        Options.Relay.Zones = ["khoi-1"];
        configure?.Invoke(Options);
        Gpio = GatewayGpio.Simulate(Time);
        Audit = new TriggerAudit(Dir.Db, Time);
    }

    public TempDataDir Dir { get; } = new();

    public FakeTimeProvider Time => Dir.Time;

    public GatewayHardwareOptions Options { get; }

    public GatewayGpio Gpio { get; }

    public SimulatedGpioDriver Pins => Gpio.Simulated!;

    public RecordingEmergencyTrigger Trigger { get; } = new();

    public TriggerAudit Audit { get; }

    public async Task<EmergencyButton> StartButtonAsync()
    {
        var button = new EmergencyButton(Gpio, Trigger, Audit, Microsoft.Extensions.Options.Options.Create(Options), Time, NullLogger<EmergencyButton>.Instance);
        await button.StartAsync(CancellationToken.None);
        return button;
    }

    public StatusLed Led() => new(Gpio, Microsoft.Extensions.Options.Options.Create(Options), Time);

    public AmplifierRelay Relay() => new(Gpio, Microsoft.Extensions.Options.Options.Create(Options), Time, NullLogger<AmplifierRelay>.Instance);

    /// <summary>
    /// Lets <paramref name="total"/> pass in 10 ms steps. FakeTimeProvider.Advance moves the clock
    /// to the end before firing due timers, so a timer set by another timer's callback would be
    /// measured from the end of a long jump; small steps keep every timer on its own time.
    /// </summary>
    public void Run(TimeSpan total)
    {
        var step = TimeSpan.FromMilliseconds(10);
        for (var left = total; left > TimeSpan.Zero; left -= step)
        {
            Time.Advance(left < step ? left : step);
        }
    }

    /// <summary>Presses (true) or releases the contact, honouring the configured pull-up/down.</summary>
    public void Contact(bool closed) =>
        Pins.SetInput(Options.Button.Pin, closed == !Options.Button.PullUp ? PinValue.High : PinValue.Low);

    /// <summary>Contact bounce: the level flips a few times within a couple of milliseconds and settles on <paramref name="closed"/>.</summary>
    public void Bounce(bool closed)
    {
        foreach (var level in new[] { closed, !closed, closed, !closed, closed })
        {
            Contact(level);
            Time.Advance(TimeSpan.FromMilliseconds(1));
        }
    }

    public void Dispose()
    {
        Gpio.Dispose();
        Dir.Dispose();
    }
}
