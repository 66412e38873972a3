using Microsoft.Extensions.Time.Testing;
using TanKy.Hub.Broker;

namespace TanKy.Hub.Tests.Broker.Flood;

public sealed class TokenBucket_Tests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_full_bucket_lets_the_burst_through_then_refuses()
    {
        var bucket = new TokenBucket(ratePerSecond: 20, burst: 200, _time);

        Take(bucket, 1000).Should().Be(200);
        bucket.TryTake().Should().BeFalse();
    }

    [Fact]
    public void It_refills_at_the_rate_exactly_on_a_fake_clock()
    {
        var bucket = new TokenBucket(ratePerSecond: 20, burst: 200, _time);
        Take(bucket, 200).Should().Be(200);

        _time.Advance(TimeSpan.FromMilliseconds(50)); // 0.05 s × 20/s = exactly one token
        Take(bucket, 10).Should().Be(1);

        _time.Advance(TimeSpan.FromMilliseconds(49)); // 0.98 of a token: not yet
        Take(bucket, 10).Should().Be(0);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Take(bucket, 10).Should().Be(1);

        _time.Advance(TimeSpan.FromSeconds(3));
        Take(bucket, 1000).Should().Be(60);
    }

    [Fact]
    public void A_sustained_flood_gets_the_burst_plus_the_rate_and_no_more()
    {
        var bucket = new TokenBucket(ratePerSecond: 20, burst: 200, _time);
        var accepted = 0;

        // 40 000 msg/s for 10 s, as the attacker in issue #14: 400 attempts every 10 ms.
        for (var tick = 0; tick < 1000; tick++)
        {
            accepted += Take(bucket, 400);
            _time.Advance(TimeSpan.FromMilliseconds(10));
        }

        accepted.Should().Be(200 + (20 * 10) - 1, "the burst, then 20/s over the 9.99 s between the first and the last attempt");
    }

    [Fact]
    public void An_idle_bucket_never_holds_more_than_the_burst()
    {
        var bucket = new TokenBucket(ratePerSecond: 0.5, burst: 3, _time);
        Take(bucket, 3).Should().Be(3);

        _time.Advance(TimeSpan.FromHours(1));
        Take(bucket, 100).Should().Be(3);

        _time.Advance(TimeSpan.FromSeconds(2)); // half a token a second
        Take(bucket, 100).Should().Be(1);
    }

    private static int Take(TokenBucket bucket, int attempts) => Enumerable.Range(0, attempts).Count(_ => bucket.TryTake());
}
