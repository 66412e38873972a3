using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using TanKy.Hub.Broker;

namespace TanKy.Hub.Tests.Broker.Flood;

public sealed class DeviceRateLimiter_Tests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero));
    private readonly HubMetrics _metrics = new();
    private readonly ListLoggerProvider _logs = new();
    private readonly ILoggerFactory _factory;
    private readonly DeviceFloodAlerts _alerts;

    public DeviceRateLimiter_Tests()
    {
        _factory = LoggerFactory.Create(b => b.AddProvider(_logs));
        _alerts = new DeviceFloodAlerts(_time, _factory.CreateLogger<DeviceFloodAlerts>());
    }

    public void Dispose()
    {
        _factory.Dispose();
        _metrics.Dispose();
    }

    [Fact]
    public void Each_device_has_its_own_bucket_and_only_the_loud_one_is_counted()
    {
        var limiter = Limiter(rate: 20, burst: 200);

        Accept(limiter, "loud", 10_000).Should().Be(200);
        Accept(limiter, "quiet", 200).Should().Be(200, "another device's flood does not touch this device's bucket");

        _metrics.DeviceDropped("loud", HubMetrics.DropRateLimit).Should().Be(9_800);
        _metrics.DeviceDropped("quiet", HubMetrics.DropRateLimit).Should().Be(0);
        _metrics.DeviceDrops.Should().ContainSingle().Which.Should().Be(("loud", HubMetrics.DropRateLimit, 9_800L));
    }

    [Fact]
    public void The_first_drop_opens_one_alert_naming_the_device_and_the_log_repeats_at_most_every_30_s()
    {
        var limiter = Limiter(rate: 1, burst: 5);
        var opened = new List<DeviceFloodAlert>();
        _alerts.Opened += (_, a) => opened.Add(a);

        Accept(limiter, "loa-khoi-1-a", 1_000).Should().Be(5);
        opened.Should().ContainSingle().Which.DeviceId.Should().Be("loa-khoi-1-a");
        _alerts.Open().Should().ContainSingle().Which.Dropped.Should().Be(995);
        Warnings().Should().ContainSingle().Which.Should().Contain("loa-khoi-1-a");

        _time.Advance(TimeSpan.FromSeconds(29));
        Accept(limiter, "loa-khoi-1-a", 1_000);
        Warnings().Should().HaveCount(1, "still inside the 30 s log window");

        _time.Advance(TimeSpan.FromSeconds(1));
        Accept(limiter, "loa-khoi-1-a", 1_000);
        Warnings().Should().HaveCount(2);
        Warnings()[1].Should().Contain("still flooding");
        opened.Should().HaveCount(1, "one alert for one flood");
    }

    [Fact]
    public void The_alert_is_over_after_a_quiet_minute_and_a_new_flood_opens_a_new_one()
    {
        var limiter = Limiter(rate: 1, burst: 1);
        var opened = 0;
        _alerts.Opened += (_, _) => opened++;

        Accept(limiter, "cam-1", 3).Should().Be(1);
        _time.Advance(DeviceFloodAlerts.QuietPeriod - TimeSpan.FromMilliseconds(1));
        _alerts.Open().Should().ContainSingle();

        _time.Advance(TimeSpan.FromMilliseconds(1));
        _alerts.Open().Should().BeEmpty();

        Accept(limiter, "cam-1", 3).Should().Be(1);
        opened.Should().Be(2);
        _alerts.Open().Should().ContainSingle().Which.Dropped.Should().Be(2, "the new alert counts its own drops");
    }

    [Fact]
    public void A_disabled_limit_accepts_everything()
    {
        var limiter = new DeviceRateLimiter(new DeviceRateLimitOptions { Enabled = false, MessagesPerSecond = 1, Burst = 1 }, _time, _metrics, _alerts, "test");

        Accept(limiter, "loud", 10_000).Should().Be(10_000);
        _metrics.DeviceDrops.Should().BeEmpty();
    }

    private DeviceRateLimiter Limiter(double rate, int burst) =>
        new(new DeviceRateLimitOptions { MessagesPerSecond = rate, Burst = burst }, _time, _metrics, _alerts, "test");

    private static int Accept(DeviceRateLimiter limiter, string device, int attempts) => Enumerable.Range(0, attempts).Count(_ => limiter.TryAccept(device));

    private List<string> Warnings() => _logs.Lines.Where(l => l.Contains("Flood alert", StringComparison.Ordinal)).ToList();
}
