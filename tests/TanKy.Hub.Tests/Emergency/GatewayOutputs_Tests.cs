using TanKy.Hub.Gateway.Hardware;

namespace TanKy.Hub.Tests.Emergency;

public sealed class GatewayOutputs_Tests : IDisposable
{
    private static readonly TimeSpan S = TimeSpan.FromSeconds(1);
    private readonly GatewayRig _rig = new();

    public void Dispose() => _rig.Dispose();

    private DateTimeOffset T0 => _rig.Dir.Time.GetUtcNow();

    [Fact]
    public async Task Relay_switches_on_at_start_minus_preroll_and_off_at_end_plus_hang()
    {
        var t0 = T0;
        using var relay = _rig.Relay();
        var pin = _rig.Options.Relay.Pin;

        var prepared = relay.PrepareAsync("b-1", ["khoi-1", "khoi-2"], t0 + (10 * S), CancellationToken.None);
        _rig.Run(7.9 * S);
        relay.IsOn.Should().BeFalse();
        _rig.Run(0.1 * S);
        (await prepared).Should().BeTrue();
        relay.IsOn.Should().BeTrue();

        relay.Release("b-1", t0 + (40 * S));
        _rig.Run(36.9 * S);
        relay.IsOn.Should().BeTrue();
        _rig.Run(0.1 * S);
        relay.IsOn.Should().BeFalse();

        _rig.Pins.Writes.Where(w => w.Pin == pin).Should().Equal(
            new PinWrite(pin, false, t0),
            new PinWrite(pin, true, t0 + (8 * S)),
            new PinWrite(pin, false, t0 + (45 * S)));
    }

    [Fact]
    public async Task Relay_is_not_involved_for_other_zones_and_honours_active_low()
    {
        using var rig = new GatewayRig(o => o.Relay.ActiveHigh = false);
        using var relay = rig.Relay();
        var pin = rig.Options.Relay.Pin;

        (await relay.PrepareAsync("b-1", ["xom-3"], rig.Time.GetUtcNow(), CancellationToken.None)).Should().BeFalse();
        rig.Pins.Writes.Should().Equal(new PinWrite(pin, true, rig.Time.GetUtcNow()));
        (await relay.PrepareAsync("b-2", ["khoi-1"], rig.Time.GetUtcNow(), CancellationToken.None)).Should().BeTrue();
        rig.Pins.Writes[^1].High.Should().BeFalse("active-low: on is low");
    }

    [Fact]
    public async Task Overlapping_broadcasts_keep_the_relay_on_and_the_hang_time_bridges_back_to_back_bulletins()
    {
        var t0 = T0;
        using var relay = _rig.Relay();

        await relay.PrepareAsync("b-1", ["khoi-1"], t0, CancellationToken.None);
        await relay.PrepareAsync("b-2", ["khoi-1"], t0, CancellationToken.None);
        relay.Release("b-1", t0 + (5 * S));
        _rig.Run(20 * S);
        relay.IsOn.Should().BeTrue("b-2 still plays");

        relay.Release("b-2", t0 + (20 * S));
        _rig.Run(3 * S);
        var next = relay.PrepareAsync("b-3", ["khoi-1"], t0 + (30 * S), CancellationToken.None);
        _rig.Run(10 * S);
        await next;
        relay.IsOn.Should().BeTrue();
        _rig.Pins.Writes.Count(w => w.Pin == _rig.Options.Relay.Pin && w.High).Should().Be(1, "the relay never clicked off between bulletins");
    }

    [Fact]
    public void Status_led_is_steady_when_idle_blinks_while_broadcasting_and_blinks_fast_on_fault()
    {
        var t0 = T0;
        using var led = _rig.Led();
        var pin = _rig.Options.StatusLed.Pin;
        _rig.Run(3 * S);
        _rig.Pins.Writes.Where(w => w.Pin == pin).Should().Equal(new PinWrite(pin, true, t0));

        led.Set(GatewayStatus.Broadcasting);
        var start = _rig.Time.GetUtcNow();
        _rig.Run(2 * S);
        var blinking = _rig.Pins.Writes.Where(w => w.Pin == pin && w.At >= start).ToList();
        blinking.Select(w => w.High).Should().Equal(true, false, true, false, true);
        blinking.Select(w => (w.At - start).TotalMilliseconds).Should().Equal(0, 500, 1000, 1500, 2000);

        led.Set(GatewayStatus.Fault);
        start = _rig.Time.GetUtcNow();
        _rig.Run(S);
        _rig.Pins.Writes.Count(w => w.Pin == pin && w.At > start).Should().Be(10, "200 ms period: a change every 100 ms");

        led.Set(GatewayStatus.Idle);
        var idle = _rig.Pins.Writes.Count;
        _rig.Run(5 * S);
        _rig.Pins.Writes.Count.Should().Be(idle);
        _rig.Pins.Value(pin).Should().Be(System.Device.Gpio.PinValue.High);
    }
}
