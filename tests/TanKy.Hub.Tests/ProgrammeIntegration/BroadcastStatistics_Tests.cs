using Dapper;
using TanKy.Hub.Reports;
using TanKy.Hub.Reports.Broadcasting;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.ProgrammeIntegration;

/// <summary>The report's broadcasting figures from hand-made history rows, with hand-computed answers.</summary>
public sealed class BroadcastStatistics_Tests : IDisposable
{
    private static readonly DateTimeOffset Day = new(2026, 11, 28, 0, 0, 0, TimeSpan.FromHours(7));
    private readonly TempDataDir _dir = new();

    public BroadcastStatistics_Tests()
    {
        _dir.SeedTwoHamlets();
        using var c = _dir.Db.Open();
        History(c, "ban-tin-sang", 6, "khoi-1", "aired");
        History(c, "ban-tin-sang", 6, "xom-3", "preempted");
        History(c, "ban-tin-toi", 18, "khoi-1", "aired");
        History(c, "ban-tin-toi", 18, "xom-3", "skipped-misfire");
        History(c, "ban-tin-le", 9, "khoi-1", "skipped-holiday");
        History(c, "ban-tin-sang", 30, "khoi-1", "aired"); // the next day: outside the period

        // A normal bulletin in both hamlets from 06:00 for 30 min; at 06:20 a higher class took
        // xom-3, so its speaker played 20 min. Times are what the speakers reported.
        Broadcast(c, "bc-1", "normal", "khoi-1,xom-3", 6);
        Stream(c, "b-1", "bc-1", "khoi-1,xom-3", 6, frames: 90_000, wallSeconds: 1800);
        Delivery(c, "b-1", "bc-1", "loa-khoi-1-a", "khoi-1", "finished", At(6) + 400, At(6) + 1_800_400);
        Delivery(c, "b-1", "bc-1", "loa-xom-3-a", "xom-3", "preempted", At(6) + 400, At(6) + 1_200_400);

        // An emergency in khoi-1, 6 min: two of four speakers played (one still "started" when the stream ended).
        Broadcast(c, "bc-2", "emergency", "khoi-1", 10);
        Stream(c, "b-2", "bc-2", "khoi-1", 10, frames: 18_000, wallSeconds: 360);
        Delivery(c, "b-2", "bc-2", "loa-khoi-1-a", "khoi-1", "finished", At(10) + 400, At(10) + 360_400);
        Delivery(c, "b-2", "bc-2", "loa-khoi-1-b", "khoi-1", "offline", null, null);
        Delivery(c, "b-2", "bc-2", "loa-khoi-1-c", "khoi-1", "started", At(10) + 400, null);
        Delivery(c, "b-2", "bc-2", "loa-khoi-1-d", "khoi-1", "pending", null, null);
        Broadcast(c, "bc-3", "emergency", "xom-3", 12);
        Stream(c, "b-3", "bc-3", "xom-3", 12, frames: null, wallSeconds: 360);
        Delivery(c, "b-3", "bc-3", "loa-xom-3-a", "xom-3", "finished", At(12) + 400, At(12) + 360_400);

        // An emergency stopped after 0.2 s, before its first frame: reached, not played.
        Broadcast(c, "bc-4", "emergency", "xom-3", 14);
        Stream(c, "b-4", "bc-4", "xom-3", 14, frames: 10, wallSeconds: 0);
        Delivery(c, "b-4", "bc-4", "loa-xom-3-a", "xom-3", "stopped", null, At(14) + 200);

        // The report is made the next morning: airtime is counted up to "now".
        _dir.Time.SetUtcNow(Day.AddDays(1).AddHours(8));
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_whole_commune_counts_planned_aired_airtime_and_emergency_delivery()
    {
        var summary = new BroadcastHistoryStatistics(_dir.Db, _dir.Time).Summarise(ReportPeriod.Parse("2026-11-28"), null);

        summary.Available.Should().BeTrue();
        summary.ProgrammesPlanned.Should().Be(4, "the holiday-skipped airing was never planned to air; the next day is outside");
        summary.ProgrammesAired.Should().Be(2);
        summary.AirtimeByZone.Should().Equal(new ZoneAirtime("khoi-1", "Khối 1", 1800 + 360), new ZoneAirtime("xom-3", "Xóm 3", 1200 + 360));
        summary.Emergencies.Select(e => (e.Title, e.Targeted, e.Played, e.DeliveryPct, e.SecondsOnAir)).Should().Equal(
            ("bc-2", 4, 2, 50.0, 360.0), ("bc-3", 1, 1, 100.0, 360.0), ("bc-4", 1, 0, 0.0, 0.0));
    }

    [Fact]
    public void One_hamlet_sees_only_its_own_figures()
    {
        var summary = new BroadcastHistoryStatistics(_dir.Db, _dir.Time).Summarise(ReportPeriod.Parse("2026-11-28"), new HashSet<string> { "xom-3" });

        summary.ProgrammesPlanned.Should().Be(2);
        summary.ProgrammesAired.Should().Be(0);
        summary.AirtimeByZone.Should().Equal(new ZoneAirtime("xom-3", "Xóm 3", 1560));
        summary.Emergencies.Select(e => e.Title).Should().Equal("bc-3", "bc-4");
    }

    private static long At(int hour) => Day.AddHours(hour).ToUnixTimeMilliseconds();

    private static void History(Microsoft.Data.Sqlite.SqliteConnection c, string programme, int hour, string zone, string outcome) => c.Execute(
        """
        INSERT INTO programme_history(programme_id, occurrence_at, zone, title, class, planned_at, outcome, airing_id, updated_at)
        VALUES (@programme, @at, @zone, @programme, 'normal', @at, @outcome, @programme, @at)
        """,
        new { programme, at = At(hour), zone, outcome });

    private static void Broadcast(Microsoft.Data.Sqlite.SqliteConnection c, string id, string cls, string zones, int hour) => c.Execute(
        """
        INSERT INTO broadcasts (id, class, policy, zones, media, title, operator, source, requested_at, requested_us, status, ended_at)
        VALUES (@id, @cls, 'resume', @zones, 'm-x', @id, 'test', 'test', @at, @us, 'finished', @at)
        """,
        new { id, cls, zones, at = At(hour), us = At(hour) * 1000 });

    private static void Stream(Microsoft.Data.Sqlite.SqliteConnection c, string stream, string broadcast, string zones, int hour, long? frames, int wallSeconds = 0) => c.Execute(
        """
        INSERT INTO broadcast_streams (stream_id, broadcast_id, epoch, zones, start_offset_ms, playout_start_us, started_at, ended_at, frames)
        VALUES (@stream, @broadcast, @epoch, @zones, 0, @us, @at, @end, @frames)
        """,
        new { stream, broadcast, epoch = At(hour) / 1000, zones, us = At(hour) * 1000, at = At(hour), end = At(hour) + (wallSeconds * 1000L), frames });

    private static void Delivery(Microsoft.Data.Sqlite.SqliteConnection c, string stream, string broadcast, string device, string zone, string status, long? startedAt, long? finishedAt) => c.Execute(
        """
        INSERT INTO broadcast_deliveries (stream_id, device_id, broadcast_id, zone, online_at_start, started_at, finished_at, frames_played, status)
        VALUES (@stream, @device, @broadcast, @zone, 1, @startedAt, @finishedAt, @frames, @status)
        """,
        new { stream, device, broadcast, zone, startedAt, finishedAt, frames = startedAt is null ? 0L : (long?)null, status });
}
