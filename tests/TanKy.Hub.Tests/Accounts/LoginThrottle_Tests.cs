using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TanKy.Hub.Accounts;

namespace TanKy.Hub.Tests.Accounts;

/// <summary>The exact delays of the sign-in throttle, on a fake clock.</summary>
public sealed class LoginThrottle_Tests
{
    private static readonly IPAddress A = IPAddress.Parse("192.168.10.50");
    private static readonly IPAddress B = IPAddress.Parse("192.168.10.51");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 6, 0, 0, TimeSpan.FromHours(7)));
    private readonly LoginOptions _options = new();
    private readonly LoginThrottle _throttle;

    public LoginThrottle_Tests() => _throttle = new LoginThrottle(Options.Create(_options), _time);

    [Fact]
    public void Three_free_failures_per_account_then_waits_double_from_one_second_up_to_fifteen_minutes()
    {
        var allowedBeforeFirstWait = 0;
        while (_throttle.TryBegin("admin", A) == TimeSpan.Zero)
        {
            allowedBeforeFirstWait++;
        }

        allowedBeforeFirstWait.Should().Be(4, "three free failures, and the fourth is the one that earns the first wait");
        var waits = new List<double>();
        _time.Advance(TimeSpan.FromSeconds(1));
        while (waits.Count < 12)
        {
            var wait = _throttle.TryBegin("admin", A);
            if (wait > TimeSpan.Zero)
            {
                waits.Add(wait.TotalSeconds);
                _time.Advance(wait);
            }
        }

        // After the 5th failure 2 s, then 4, … 512 s, then the 900 s cap.
        waits.Should().Equal(2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900);
    }

    [Fact]
    public void The_wait_counts_from_the_last_failure_and_a_refused_try_does_not_extend_it()
    {
        Fail("admin", A, 5);

        // Five failures: 2 s from the fifth.
        _time.Advance(TimeSpan.FromMilliseconds(500));
        _throttle.TryBegin("admin", A).Should().Be(TimeSpan.FromMilliseconds(1500));
        _time.Advance(TimeSpan.FromMilliseconds(1499));
        _throttle.TryBegin("admin", A).Should().Be(TimeSpan.FromMilliseconds(1));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        _throttle.TryBegin("admin", A).Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void Another_address_owes_nothing_for_the_same_account()
    {
        Fail("admin", A, 10);

        _throttle.TryBegin("admin", A).Should().Be(TimeSpan.FromSeconds(64));
        _throttle.TryBegin("admin", B).Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void One_address_guessing_many_names_waits_after_ten_failures_over_all_of_them()
    {
        for (var i = 0; i < 10; i++)
        {
            _throttle.TryBegin("ten-" + i, A).Should().Be(TimeSpan.Zero);
        }

        _throttle.TryBegin("ten-moi", A).Should().Be(TimeSpan.Zero, "the 11th try is allowed; it is the 11th failure that costs");
        _throttle.TryBegin("ten-khac", A).Should().Be(TimeSpan.FromSeconds(1));
        _throttle.TryBegin("ten-khac", B).Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void A_success_clears_the_account_count_but_only_takes_its_own_try_off_the_address()
    {
        for (var i = 0; i < 3; i++)
        {
            _throttle.TryBegin("admin", A);
        }

        _throttle.TryBegin("admin", A).Should().Be(TimeSpan.Zero);
        _throttle.Succeeded("admin", A);
        for (var i = 0; i < 3; i++)
        {
            _throttle.TryBegin("admin", A).Should().Be(TimeSpan.Zero, "the account count starts again after a success");
        }

        // The address has 6 failures (3 + 3; the success was taken back): 4 more are free, then it waits.
        for (var i = 0; i < 4; i++)
        {
            _throttle.TryBegin("ten-" + i, A).Should().Be(TimeSpan.Zero);
        }

        _throttle.TryBegin("ten-moi", A).Should().Be(TimeSpan.Zero);
        _throttle.TryBegin("ten-moi-2", A).Should().Be(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Failures_are_forgotten_after_a_quiet_day()
    {
        Fail("admin", A, 20);

        _throttle.TryBegin("admin", A).Should().Be(TimeSpan.FromMinutes(15));
        _time.Advance(TimeSpan.FromHours(24));
        _throttle.TryBegin("admin", A).Should().Be(TimeSpan.Zero);
        _throttle.TryBegin("admin", A).Should().Be(TimeSpan.Zero, "the count started again from one");
    }

    [Fact]
    public void An_ipv6_host_counts_as_its_64_bit_prefix_and_mapped_ipv4_as_ipv4()
    {
        for (var i = 0; i < 4; i++)
        {
            _throttle.TryBegin("admin", IPAddress.Parse($"2001:db8:1:2::{i + 1}"));
        }

        _throttle.TryBegin("admin", IPAddress.Parse("2001:db8:1:2:ffff::9")).Should().Be(TimeSpan.FromSeconds(1), "same /64");
        _throttle.TryBegin("admin", IPAddress.Parse("2001:db8:1:3::1")).Should().Be(TimeSpan.Zero, "another /64");

        for (var i = 0; i < 4; i++)
        {
            _throttle.TryBegin("admin", A);
        }

        _throttle.TryBegin("admin", A.MapToIPv6()).Should().Be(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Parallel_tries_cannot_slip_past_the_free_ones()
    {
        var allowed = 0;
        Parallel.For(0, 200, _ =>
        {
            if (_throttle.TryBegin("admin", A) == TimeSpan.Zero)
            {
                Interlocked.Increment(ref allowed);
            }
        });

        allowed.Should().Be(4, "three free failures and the one that earns the first wait");
    }

    // n tries the throttle lets through (each a failure), waiting out every delay on the fake clock.
    private void Fail(string account, IPAddress address, int n)
    {
        for (var done = 0; done < n;)
        {
            var wait = _throttle.TryBegin(account, address);
            if (wait == TimeSpan.Zero)
            {
                done++;
            }
            else
            {
                _time.Advance(wait);
            }
        }
    }
}
