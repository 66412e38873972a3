using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using TanKy.Hub.Reports;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.Reports;

public sealed class WifiUsage_Tests : IDisposable
{
    private static readonly long Hour = new DateTimeOffset(2026, 11, 10, 8, 0, 0, TimeSpan.FromHours(7)).ToUnixTimeMilliseconds();
    private readonly TempDataDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private (long Sessions, long ClientsMax, long Rx, long Tx, long Samples) Row(long hour)
    {
        using var c = _dir.Db.Open();
        return c.QuerySingle<(long, long, long, long, long)>("SELECT sessions, clients_max, rx_bytes, tx_bytes, samples FROM wifi_hourly WHERE device_id = 'ap-1' AND hour = @hour", new { hour });
    }

    [Fact]
    public void Counters_since_boot_become_traffic_per_hour_and_a_reboot_is_not_negative()
    {
        var recorder = new WifiUsageRecorder(_dir.Db, _dir.Time, NullLogger<WifiUsageRecorder>.Instance);
        recorder.Record("ap-1", Hour + 60_000, clients: 2, rx: 1_000, tx: 5_000);
        recorder.Record("ap-1", Hour + 120_000, clients: 5, rx: 3_000, tx: 9_000);   // +3 sessions, +2000/+4000
        recorder.Record("ap-1", Hour + 180_000, clients: 1, rx: 500, tx: 700);       // AP rebooted: counters restart
        recorder.Flush();
        recorder.Record("ap-1", Hour + 3_600_000 + 60_000, clients: 4, rx: 1_500, tx: 1_700); // next hour, after a flush

        recorder.Flush().Should().Be(1);

        Row(Hour).Should().Be((3L, 5L, 2_500L, 4_700L, 3L));
        Row(Hour + 3_600_000).Should().Be((3L, 4L, 1_000L, 1_000L, 1L));
    }

    [Fact]
    public void Counters_survive_a_hub_restart()
    {
        var first = new WifiUsageRecorder(_dir.Db, _dir.Time, NullLogger<WifiUsageRecorder>.Instance);
        first.Record("ap-1", Hour, clients: 1, rx: 100, tx: 100);
        first.Flush();

        var second = new WifiUsageRecorder(_dir.Db, _dir.Time, NullLogger<WifiUsageRecorder>.Instance);
        second.Record("ap-1", Hour + 60_000, clients: 3, rx: 400, tx: 250);
        second.Flush();

        Row(Hour).Should().Be((2L, 3L, 300L, 150L, 2L));
    }
}
