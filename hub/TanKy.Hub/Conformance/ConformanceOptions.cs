namespace TanKy.Hub.Conformance;

/// <summary>
/// Clause timeouts and bounds of the conformance kit (section <c>Conformance</c>). The waits are
/// event-driven: a clause ends as soon as the device answers, the timeout only bounds a silent one.
/// </summary>
public sealed class ConformanceOptions
{
    public const string Section = "Conformance";

    /// <summary>How long a command may wait for its reply.</summary>
    public TimeSpan ReplyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a desired version may wait for the reported state that echoes it.</summary>
    public TimeSpan ReportedTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>From the <c>reboot</c> reply to the offline state, and from there to the new birth.</summary>
    public TimeSpan RebootTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Slack after a stream's last play-out time for its playback events.</summary>
    public TimeSpan PlaybackSlack { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long a speaker may take to download and verify a clip to cache (§4.11).</summary>
    public TimeSpan CacheTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Largest start error a speaker may report (|<c>error_us</c>|). The fleet target is p99 ≤ 5 ms
    /// (hub/docs/performance.md); one stream on a bench gets twice that.
    /// </summary>
    public double MaxStartErrorMs { get; set; } = 10;

    /// <summary>How far a synchronised speaker's <c>ping</c> time may lie outside the hub's send–receive window.</summary>
    public double ClockToleranceMs { get; set; } = 5;

    /// <summary>The same for other kinds, whose clock is RTC/NTP (a reply without <c>ts</c> is allowed).</summary>
    public double LooseClockToleranceMs { get; set; } = 2000;

    /// <summary>Telemetry messages of the new boot the cadence clause waits for.</summary>
    public int TelemetryMessages { get; set; } = 3;
}
