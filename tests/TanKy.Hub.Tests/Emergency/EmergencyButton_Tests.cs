using System.Device.Gpio;
using Iot.Device.Button;
using TanKy.Hub.Emergency;
using TanKy.Hub.Gateway.Hardware;
using TanKy.Protocol;

namespace TanKy.Hub.Tests.Emergency;

public sealed class EmergencyButton_Tests : IDisposable
{
    private readonly GatewayRig _rig = new();

    public void Dispose() => _rig.Dispose();

    [Fact]
    public async Task A_bouncing_long_press_triggers_exactly_once()
    {
        using var button = await _rig.StartButtonAsync();

        _rig.Bounce(closed: true);
        _rig.Run(TimeSpan.FromSeconds(2.1));
        await button.LastTrigger;
        _rig.Run(TimeSpan.FromSeconds(10)); // still held: nothing more
        _rig.Bounce(closed: false);
        _rig.Run(TimeSpan.FromSeconds(1));

        var (_, request) = _rig.Trigger.Triggered.Should().ContainSingle().Subject;
        request.Zones.Should().Equal("khoi-1");
        request.MediaIds.Should().Equal("coi-hu", "loi-nhan");
        request.Class.Should().Be(BulletinClass.Emergency);
        request.Channel.Should().Be(TriggerChannel.Button);
    }

    [Fact]
    public async Task The_hold_is_measured_from_the_settled_press_and_not_a_moment_earlier()
    {
        using var button = await _rig.StartButtonAsync();

        _rig.Contact(true);
        _rig.Run(TimeSpan.FromMilliseconds(50));           // settled
        _rig.Run(TimeSpan.FromMilliseconds(1999));
        button.LongPresses.Should().Be(0);
        _rig.Run(TimeSpan.FromMilliseconds(1));
        button.LongPresses.Should().Be(1);
    }

    [Fact]
    public async Task A_short_press_triggers_nothing()
    {
        using var button = await _rig.StartButtonAsync();

        _rig.Bounce(closed: true);
        _rig.Run(TimeSpan.FromSeconds(1.5));
        _rig.Bounce(closed: false);
        _rig.Run(TimeSpan.FromSeconds(5));

        button.LongPresses.Should().Be(0);
        _rig.Trigger.Triggered.Should().BeEmpty();
    }

    [Fact]
    public async Task Two_separate_long_presses_trigger_twice_and_bounce_on_release_is_not_a_press()
    {
        using var button = await _rig.StartButtonAsync();

        for (var i = 0; i < 2; i++)
        {
            _rig.Bounce(closed: true);
            _rig.Run(TimeSpan.FromSeconds(3));
            await button.LastTrigger;
            _rig.Bounce(closed: false);
            _rig.Run(TimeSpan.FromSeconds(3));
        }

        _rig.Trigger.Triggered.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_pull_down_button_presses_high()
    {
        using var rig = new GatewayRig(o => o.Button.PullUp = false);
        using var button = await rig.StartButtonAsync();

        rig.Contact(true);
        rig.Pins.Value(rig.Options.Button.Pin).Should().Be(PinValue.High);
        rig.Run(TimeSpan.FromSeconds(2.1));
        await button.LastTrigger;

        rig.Trigger.Triggered.Should().ContainSingle();
    }

    [Fact]
    public async Task A_long_press_is_audited_and_an_unconfigured_button_is_refused_loudly()
    {
        using var rig = new GatewayRig(o => o.Button.Zones = []);
        using var button = await rig.StartButtonAsync();

        rig.Contact(true);
        rig.Run(TimeSpan.FromSeconds(2.1));
        await button.LastTrigger;

        rig.Trigger.Triggered.Should().BeEmpty();
        var entry = rig.Audit.Query(new TriggerAuditQuery()).Should().ContainSingle().Subject;
        entry.Should().Match<TriggerAuditEntry>(e => e.Actor == EmergencyButton.Actor && !e.Allowed && e.Remote == "gpio17" && e.Channel == TriggerChannel.Button);
    }

    /// <summary>
    /// Why the level is settled by the hub and not by GpioButton's own debounce: its lock-out
    /// after a release swallows the final closing edge of a bounce, so it reports "up" while held.
    /// </summary>
    [Fact]
    public void GpioButton_debounce_loses_a_bouncing_press()
    {
        using var gpio = GatewayGpio.Simulate(TimeProvider.System);
        using var button = new GpioButton(5, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(2), isPullUp: true, hasExternalResistor: false, gpio.Controller, shouldDispose: false, debounceTime: TimeSpan.FromMilliseconds(100));
        var downs = 0;
        button.ButtonDown += (_, _) => downs++;

        foreach (var level in new[] { PinValue.Low, PinValue.High, PinValue.Low, PinValue.High, PinValue.Low })
        {
            gpio.Simulated!.SetInput(5, level);
        }

        downs.Should().Be(1, "the extra closings are suppressed…");
        button.IsPressed.Should().BeFalse("…but so is the final one: the held button reads as released");
        gpio.Simulated!.Value(5).Should().Be(PinValue.Low);
    }
}
