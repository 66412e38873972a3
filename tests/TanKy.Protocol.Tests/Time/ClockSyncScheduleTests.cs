using TanKy.Protocol.Time;

namespace TanKy.Protocol.Tests.Time;

public sealed class ClockSyncScheduleTests
{
    [Fact]
    public void Default_is_a_burst_then_a_converging_phase_then_the_period()
    {
        var s = ClockSyncSchedule.Default;
        s.SendTime(0).Should().Be(TimeSpan.Zero);
        s.SendTime(95).Should().Be(TimeSpan.FromMilliseconds(950));
        s.SendTime(96).Should().Be(TimeSpan.FromMilliseconds(1450));
        s.SendTime(96 + 119).Should().Be(TimeSpan.FromMilliseconds(950 + (120 * 500)));
        s.DelayAfter(96 + 119).Should().Be(TimeSpan.FromSeconds(5));
        s.DelayAfter(1000).Should().Be(TimeSpan.FromSeconds(5));
        s.DelayAfter(3).Should().Be(TimeSpan.FromMilliseconds(10));
    }
}
