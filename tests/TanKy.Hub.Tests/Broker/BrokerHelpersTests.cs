using Microsoft.Extensions.Time.Testing;
using TanKy.Hub.Broker;

namespace TanKy.Hub.Tests.Broker;

public sealed class BrokerHelpersTests
{
    [Fact]
    public void Log_throttle_lets_one_line_per_key_and_interval_through_and_counts_the_rest()
    {
        var time = new FakeTimeProvider();
        var throttle = new LogThrottle(time, TimeSpan.FromSeconds(30));

        throttle.ShouldLog("dev-a", out var first).Should().BeTrue();
        first.Should().Be(0);
        throttle.ShouldLog("dev-a", out _).Should().BeFalse();
        throttle.ShouldLog("dev-a", out _).Should().BeFalse();
        throttle.ShouldLog("dev-b", out _).Should().BeTrue("keys are independent");

        time.Advance(TimeSpan.FromSeconds(31));
        throttle.ShouldLog("dev-a", out var suppressed).Should().BeTrue();
        suppressed.Should().Be(2);
    }

    [Fact]
    public void Connection_limiter_counts_per_client_id_and_lets_a_known_id_reconnect()
    {
        var limiter = new ConnectionLimiter(2);
        limiter.Connected("a");
        limiter.Connected("b");

        limiter.MayConnect("c").Should().BeFalse();
        limiter.MayConnect("a").Should().BeTrue("a takeover does not add a connection");

        // Takeover: the new connection of "a" is counted before the old one's disconnect arrives.
        limiter.Connected("a");
        limiter.Disconnected("a");
        limiter.Count.Should().Be(2);
        limiter.Disconnected("b");
        limiter.Disconnected("b"); // a duplicate event must not free a slot twice
        limiter.Count.Should().Be(1);
        limiter.MayConnect("c").Should().BeTrue();
    }
}
