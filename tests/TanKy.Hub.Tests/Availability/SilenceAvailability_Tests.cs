using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TanKy.Hub.Availability;
using TanKy.Hub.Broker;
using TanKy.Hub.Devices;
using TanKy.Hub.Reports;
using TanKy.Hub.Tests.Support;
using TanKy.Protocol;
using TanKy.Protocol.Messages;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Tests.Availability;

/// <summary>The real tracker and silence watchdog produce the events; the report counts the silence as offline.</summary>
public sealed class SilenceAvailability_Tests : IDisposable
{
    private static readonly DateTimeOffset Eight = new(2026, 11, 10, 8, 0, 0, TimeSpan.FromHours(7));
    private readonly FakeTimeProvider _time = new(Eight.AddDays(-1));
    private readonly TempDataDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Telemetry_silence_without_a_will_counts_as_offline_until_telemetry_returns()
    {
        var registry = new DeviceRegistry(_dir.Db, _time);
        _dir.Zones.Add("khoi-1", "Khối 1");
        registry.Add(new NewDevice("loa-1", DeviceKind.Speaker, ["khoi-1"]));
        var options = Options.Create(new HubOptions());
        var live = new LiveStatusTable(registry);
        live.Refresh();
        var transitions = new StatusTransitions(_dir.Db, NullLogger<StatusTransitions>.Instance);
        var tracker = new DeviceStatusTracker(_dir.Db, live, transitions, new TelemetryRecorder(_dir.Db, options, _time, NullLogger<TelemetryRecorder>.Instance), options, NullLogger<DeviceStatusTracker>.Instance);
        var watchdog = new SilenceWatchdog(live, transitions, _time, options, NullLogger<SilenceWatchdog>.Instance);
        ValueTask Telemetry(long seq) => tracker.HandleAsync(
            new DeviceMessage(new ParsedTopic("tan-ky", TopicKind.Telemetry, "loa-1"), new TelemetryMessage { V = 1, Seq = seq, Interval = 60 }, default, _time.GetUtcNow()), default);

        _time.SetUtcNow(Eight);
        await Telemetry(1);
        _time.Advance(TimeSpan.FromMinutes(3));
        watchdog.Check().Should().Be(0, "three intervals of silence are allowed");
        _time.Advance(TimeSpan.FromMinutes(1));
        watchdog.Check().Should().Be(1);
        _time.Advance(TimeSpan.FromMinutes(30));
        await Telemetry(2);
        using (var c = _dir.Db.Open())
        {
            // The hub ran from 08:00 to 09:00 only: the rest of the day is unknown.
            c.Execute("INSERT INTO hub_runs(boot_id, started_at, heartbeat_at, stopped_at) VALUES ('r', @a, @b, @b)", new { a = Eight.ToUnixTimeMilliseconds(), b = Eight.AddHours(1).ToUnixTimeMilliseconds() });
        }

        _time.Advance(TimeSpan.FromDays(2));
        var report = new ReportBuilder(_dir.Db, _time, new NoBroadcastStatistics(), options, Options.Create(new ReportOptions())).Build(ReportPeriod.Parse("2026-11-10"));

        var row = report.Devices.Single();
        row.OnlineHours.Should().Be(0.5);   // 08:00–08:04 and 08:34–09:00
        row.OfflineHours.Should().Be(0.5);  // 08:04–08:34: declared silent after 3 × 60 s, back with the next telemetry
        row.UnknownHours.Should().Be(23);
        row.AvailabilityPct.Should().Be(50);
        report.Incidents.Should().ContainSingle().Which.Start.Should().Be(Eight.AddMinutes(4));
    }
}
