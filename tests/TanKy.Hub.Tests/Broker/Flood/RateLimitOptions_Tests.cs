using TanKy.Hub.Broker;

namespace TanKy.Hub.Tests.Broker.Flood;

public sealed class RateLimitOptions_Tests
{
    [Theory]
    [InlineData(0, 200, "Broker:RateLimit:MessagesPerSecond")]
    [InlineData(-1, 200, "Broker:RateLimit:MessagesPerSecond")]
    [InlineData(double.NaN, 200, "Broker:RateLimit:MessagesPerSecond")]
    [InlineData(20, 0, "Broker:RateLimit:Burst")]
    public void A_rate_limit_that_cannot_work_is_refused_at_start_with_its_setting_named(double rate, int burst, string setting)
    {
        var options = new BrokerOptions { RateLimit = { MessagesPerSecond = rate, Burst = burst } };

        var result = new BrokerOptionsValidator().Validate(null, options);

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain(setting);
    }

    [Fact]
    public void The_defaults_pass_and_cover_a_nodes_clock_sync_burst()
    {
        var options = new BrokerOptions();

        new BrokerOptionsValidator().Validate(null, options).Succeeded.Should().BeTrue();
        options.RateLimit.Burst.Should().BeGreaterThanOrEqualTo(96 + 3, "96 clock-sync requests, the birth, reported state and first telemetry at connect (protocol.md §8.2.2)");
    }
}
