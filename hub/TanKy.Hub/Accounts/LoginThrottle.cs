using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace TanKy.Hub.Accounts;

/// <summary>
/// Growing delays instead of lockout. Failures are counted per (address, account) and per
/// address; once past the free ones, the next try from that address must wait
/// <c>FirstDelay × 2^(n−free−1)</c> (capped at <c>MaxDelay</c>) after the last failure. Nothing is
/// counted per account alone, so an attacker cannot keep a user out: the right password from
/// another address works at once. IPv6 addresses count per /64, the block one host usually gets.
/// </summary>
internal sealed class LoginThrottle(IOptions<LoginOptions> options, TimeProvider time)
{
    // An attacker only adds entries by tries the throttle let through, so this is generous.
    private const int MaxEntries = 50_000;

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>
    /// Starts a try: the wait still owed (no try allowed) or zero. An allowed try is counted as a
    /// failure at once, so parallel guesses cannot all slip through before the first one fails;
    /// <see cref="Succeeded"/> takes it back.
    /// </summary>
    public TimeSpan TryBegin(string account, IPAddress? remote)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        var (pair, address) = Keys(account, remote);
        lock (_gate)
        {
            var wait = Max(Wait(pair, o.FreeFailuresPerAccount, o, now), Wait(address, o.FreeFailuresPerAddress, o, now));
            if (wait > TimeSpan.Zero)
            {
                return wait;
            }

            if (_entries.Count >= MaxEntries)
            {
                Prune(o, now);
            }

            Count(pair, now);
            Count(address, now);
            return TimeSpan.Zero;
        }
    }

    /// <summary>The right password: this address owes nothing more for this account, and the try is taken off its total.</summary>
    public void Succeeded(string account, IPAddress? remote)
    {
        var (pair, address) = Keys(account, remote);
        lock (_gate)
        {
            _entries.Remove(pair);
            // Not reset: an attacker who owns one account must not clear the address's count with it.
            if (_entries.TryGetValue(address, out var e) && e.Failures > 0)
            {
                _entries[address] = e with { Failures = e.Failures - 1 };
            }
        }
    }

    /// <summary>The wait after <paramref name="failures"/> failures when <paramref name="free"/> are free.</summary>
    public static TimeSpan Delay(int failures, int free, LoginOptions o)
    {
        var past = failures - Math.Max(0, free);
        if (past <= 0)
        {
            return TimeSpan.Zero;
        }

        // Doubling from FirstDelay; past 40 doublings every sane MaxDelay has been reached.
        var ticks = past > 40 ? double.MaxValue : o.FirstDelay.Ticks * Math.Pow(2, past - 1);
        return ticks >= o.MaxDelay.Ticks ? o.MaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    private TimeSpan Wait(string key, int free, LoginOptions o, DateTimeOffset now)
    {
        if (!_entries.TryGetValue(key, out var e))
        {
            return TimeSpan.Zero;
        }

        if (now - e.Last >= o.ForgetAfter)
        {
            _entries.Remove(key);
            return TimeSpan.Zero;
        }

        var wait = e.Last + Delay(e.Failures, free, o) - now;
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    private void Count(string key, DateTimeOffset now) =>
        _entries[key] = new Entry((_entries.TryGetValue(key, out var e) ? e.Failures : 0) + 1, now);

    private void Prune(LoginOptions o, DateTimeOffset now)
    {
        foreach (var key in _entries.Where(kv => now - kv.Value.Last >= o.ForgetAfter).Select(kv => kv.Key).ToList())
        {
            _entries.Remove(key);
        }

        // Still full (a flood from very many addresses): forget the oldest half.
        if (_entries.Count >= MaxEntries)
        {
            foreach (var key in _entries.OrderBy(kv => kv.Value.Last).Take(_entries.Count / 2).Select(kv => kv.Key).ToList())
            {
                _entries.Remove(key);
            }
        }
    }

    private static (string Pair, string Address) Keys(string account, IPAddress? remote)
    {
        var address = AddressKey(remote);
        return ($"{address}|{account}", address);
    }

    private static string AddressKey(IPAddress? remote)
    {
        if (remote is null)
        {
            return "-";
        }

        if (remote.IsIPv4MappedToIPv6)
        {
            remote = remote.MapToIPv4();
        }

        if (remote.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return remote.ToString();
        }

        var bytes = remote.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private readonly record struct Entry(int Failures, DateTimeOffset Last);
}
