using TanKy.Hub.Reports;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Tests.Reports;

public sealed class AvailabilityReport_Tests : IClassFixture<AvailabilityFixture>
{
    private readonly IndicatorReport _report;

    public AvailabilityReport_Tests(AvailabilityFixture fixture) => _report = fixture.Report();

    private ReportRow Device(string id) => _report.Devices.Single(d => d.Id == id);

    [Theory]
    [InlineData("loa-a", 20.0, 2.0, 2.0, 0.0, 90.909, 1, 120.0)] // hub downtime is unknown, not offline
    [InlineData("loa-b", 18.0, 1.0, 2.0, 3.0, 94.737, 1, 60.0)] // maintenance window left out
    [InlineData("loa-c", 15.5, 0.0, 2.5, 0.0, 100.0, 0, 0.0)] // added mid-period: unknown until its first birth
    [InlineData("loa-d", 15.0, 1.0, 2.0, 0.0, 93.75, 1, 60.0)] // removed at 18 h: not counted afterwards
    [InlineData("loa-e", 20.0, 2.0, 2.0, 0.0, 90.909, 2, 60.0)] // outages across both period edges
    [InlineData("loa-f", 20.5, 1.5, 2.0, 0.0, 93.182, 1, 90.0)] // telemetry silence without a will
    public void Hand_computed_devices_give_exact_figures(string id, double online, double offline, double unknown, double maintenance, double pct, int incidents, double longestMin)
    {
        var d = Device(id);

        d.OnlineHours.Should().Be(online);
        d.OfflineHours.Should().Be(offline);
        d.UnknownHours.Should().Be(unknown);
        d.MaintenanceHours.Should().Be(maintenance);
        d.AvailabilityPct.Should().Be(pct);
        d.Incidents.Should().Be(incidents);
        d.LongestOutageMin.Should().Be(longestMin);
    }

    [Fact]
    public void The_part_of_a_period_still_to_come_is_not_counted_as_unknown()
    {
        // Late on the fixture's day: the report stops at "now" instead of the day's end.
        using var fx = new AvailabilityFixture();
        var lateThatDay = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(AvailabilityFixture.F.AddHours(21));
        var builder = new ReportBuilder(fx.Dir.Db, lateThatDay, new NoBroadcastStatistics(), Microsoft.Extensions.Options.Options.Create(new Hub.Shared.HubOptions()), Microsoft.Extensions.Options.Options.Create(new ReportOptions()));

        var partial = builder.Build(AvailabilityFixture.Day);

        var a = partial.Devices.Single(d => d.Id == "loa-a");
        (a.OnlineHours + a.OfflineHours + a.UnknownHours + a.MaintenanceHours).Should().BeApproximately(21, 0.01);
        a.OfflineHours.Should().BeApproximately(1, 0.01, "its outage began at F+20h and is still open at F+21h");
    }

    [Fact]
    public void Commune_totals_add_up_time_weighted()
    {
        var c = _report.Commune;

        c.OnlineHours.Should().Be(109);
        c.OfflineHours.Should().Be(7.5);
        c.AvailabilityPct.Should().Be(93.562);
        c.Incidents.Should().Be(6);
        c.MttrMin.Should().Be(75);
        c.MtbfHours.Should().Be(18.167);
        c.Installed.Should().Be(5, "loa-d was removed before the end of the day");
    }

    [Fact]
    public void Groups_by_hamlet_and_kind()
    {
        _report.Hamlets.Select(h => (h.Id, h.Name, h.AvailabilityPct)).Should().Equal(
            ("khoi-1", "Khối 1", Math.Round(100.0 * 93.5 / 101, 3)),
            ("xom-3", "Xóm 3", 100.0));
        _report.Kinds.Select(k => (k.Id, k.Incidents)).Should().Equal(("speaker", 5), ("wifi-ap", 1));
        _report.Kinds.Single(k => k.Id == "wifi-ap").MttrMin.Should().Be(90);
    }

    [Fact]
    public void Outages_spanning_the_period_edges_are_clipped_and_flagged()
    {
        var e = _report.Incidents.Where(i => i.DeviceId == "loa-e").ToList();

        e.Should().HaveCount(2);
        e[0].Start.Should().Be(AvailabilityFixture.F);
        e[0].End.Should().Be(AvailabilityFixture.F.AddHours(1));
        e[0].StartedBeforePeriod.Should().BeTrue();
        e[0].OngoingAtPeriodEnd.Should().BeFalse();
        e[1].Start.Should().Be(AvailabilityFixture.F.AddHours(23));
        e[1].End.Should().Be(AvailabilityFixture.F.AddDays(1));
        e[1].OngoingAtPeriodEnd.Should().BeTrue();
    }

    [Fact]
    public void An_incident_keeps_its_wall_span_but_counts_only_time_outside_maintenance()
    {
        var b = _report.Incidents.Single(i => i.DeviceId == "loa-b");

        (b.End - b.Start).Should().Be(TimeSpan.FromHours(3));
        b.DurationMin.Should().Be(60);
    }

    [Fact]
    public void The_daily_series_equals_the_commune_for_a_one_day_report()
    {
        _report.Daily.Should().ContainSingle().Which.AvailabilityPct.Should().Be(_report.Commune.AvailabilityPct);
    }

    [Fact]
    public void A_hamlet_scope_keeps_only_that_hamlets_devices()
    {
        using var fixture = new AvailabilityFixture();

        var scoped = fixture.Report(new HashSet<string>(["xom-3"]));

        scoped.Devices.Select(d => d.Id).Should().Equal("loa-c");
        scoped.Hamlets.Select(h => h.Id).Should().Equal("xom-3");
    }

    [Fact]
    public void Broadcasting_says_no_data_yet()
    {
        _report.Broadcasting.Available.Should().BeFalse();
        _report.Broadcasting.Note.Should().Contain("chưa có dữ liệu");
    }
}
