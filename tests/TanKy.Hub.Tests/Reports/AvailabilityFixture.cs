using Dapper;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TanKy.Hub.Availability.Maintenance;
using TanKy.Hub.Devices;
using TanKy.Hub.Reports;
using TanKy.Hub.Tests.Support;
using TanKy.Protocol;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Tests.Reports;

/// <summary>
/// One local day, 2026-11-10 (F = 00:00 Vietnam time), with six hand-computed devices in khoi-1
/// (except C in xom-3). The hub was down from F+10h to F+12h for everyone.
///   A  will at F+20h, back F+22h                   online 20 h, offline 2 h   → 20/22   = 90.909 %
///   B  offline F+4h…F+7h, maintenance F+5h…F+8h    online 18 h, offline 1 h   → 18/19   = 94.737 %
///   C  added F+6h, first birth F+6h30              online 15.5 h, offline 0   → 100 %
///   D  offline F+2h…F+3h, removed F+18h            online 15 h, offline 1 h   → 15/16   = 93.75 %
///   E  offline since F−3h until F+1h, again F+23h… online 20 h, offline 2 h   → 20/22   = 90.909 %
///   F  telemetry, silent at F+14h, back F+15h30    online 20.5 h, offline 1.5 h → 20.5/22 = 93.182 %
/// Commune: 109 h online, 7.5 h offline → 93.562 %; 6 incidents; MTTR 75 min; MTBF 18.167 h.
/// </summary>
public sealed class AvailabilityFixture : IDisposable
{
    public static readonly DateTimeOffset F = new(2026, 11, 10, 0, 0, 0, TimeSpan.FromHours(7));

    public AvailabilityFixture()
    {
        Time = new FakeTimeProvider(F.AddDays(-31));
        Dir = new TempDataDir();
        Devices = new DeviceRegistry(Dir.Db, Time);
        Seed();
        Time.SetUtcNow(F.AddDays(3));
    }

    public TempDataDir Dir { get; }

    public FakeTimeProvider Time { get; }

    public DeviceRegistry Devices { get; }

    public static ReportPeriod Day => ReportPeriod.Parse("2026-11-10");

    internal ReportBuilder Builder() => new(Dir.Db, Time, new NoBroadcastStatistics(), Options.Create(new HubOptions()), Options.Create(new ReportOptions()));

    internal IndicatorReport Report(IReadOnlySet<string>? zones = null) => Builder().Build(Day, zones);

    public void Dispose() => Dir.Dispose();

    private static long H(double hours) => F.AddHours(hours).ToUnixTimeMilliseconds();

    private void Seed()
    {
        Dir.Zones.Add("khoi-1", "Khối 1");
        Dir.Zones.Add("xom-3", "Xóm 3");
        foreach (var id in new[] { "a", "b", "d", "e", "f" })
        {
            Devices.Add(new NewDevice($"loa-{id}", id == "f" ? DeviceKind.WifiAp : DeviceKind.Speaker, ["khoi-1"], $"Cụm loa {id.ToUpperInvariant()}"));
        }

        using var c = Dir.Db.Open();
        c.Execute("INSERT INTO hub_runs(boot_id, started_at, heartbeat_at, stopped_at) VALUES ('r1', @s1, @h1, NULL), ('r2', @s2, @h2, @h2)",
            new { s1 = H(-24 * 20), h1 = H(10), s2 = H(12), h2 = H(48) });
        Events(c, "loa-a", (-24, "online", "birth"), (20, "offline", "will"), (22, "online", "birth"));
        Events(c, "loa-b", (-24, "online", "birth"), (4, "offline", "will"), (7, "online", "birth"));
        Events(c, "loa-c", (6.5, "online", "birth"));
        Events(c, "loa-d", (-24, "online", "birth"), (2, "offline", "will"), (3, "online", "birth"), (19, "offline", "will"));
        Events(c, "loa-e", (-48, "online", "birth"), (-3, "offline", "will"), (1, "online", "birth"), (23, "offline", "silent"));
        Events(c, "loa-f", (-24, "online", "telemetry"), (14, "offline", "silent"), (15.5, "online", "telemetry"));

        new MaintenanceStore(Dir.Db, Time).Add(MaintenanceScope.Device, "loa-b", F.AddHours(5), F.AddHours(8), "Thay bộ khuếch đại");
        Time.SetUtcNow(F.AddHours(6));
        Devices.Add(new NewDevice("loa-c", DeviceKind.Speaker, ["xom-3"], "Cụm loa C"));
        Time.SetUtcNow(F.AddHours(18));
        Devices.Remove("loa-d");
    }

    private static void Events(Microsoft.Data.Sqlite.SqliteConnection c, string id, params (double Hours, string Status, string Reason)[] events)
    {
        foreach (var (hours, status, reason) in events)
        {
            c.Execute("INSERT INTO status_events(device_id, ts, status, reason) VALUES (@id, @ts, @status, @reason)", new { id, ts = H(hours), status, reason });
        }
    }
}
