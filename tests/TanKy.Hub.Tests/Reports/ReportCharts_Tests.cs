using System.Xml;
using System.Xml.Linq;
using TanKy.Hub.Reports;

namespace TanKy.Hub.Tests.Reports;

/// <summary>
/// Availability over time: a one-day report charts its 24 hours (a daily chart of one day was a
/// lone dot), every report charts each device kind, and durations read as words.
/// </summary>
public sealed class ReportCharts_Tests(AvailabilityFixture fixture) : IClassFixture<AvailabilityFixture>
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void A_one_day_report_has_an_hourly_chart_broken_where_the_hub_was_down()
    {
        var report = fixture.Report();

        report.Hourly.Should().HaveCount(24);
        report.Hourly[0].Start.Should().Be(AvailabilityFixture.F);
        report.Hourly[0].AvailabilityPct.Should().NotBeNull();
        report.Hourly[10].AvailabilityPct.Should().BeNull("the hub was down from 10:00 to 12:00: nothing is known");
        report.Hourly[11].AvailabilityPct.Should().BeNull();
        report.Hourly.Sum(h => h.OnlineHours).Should().BeApproximately(report.Commune.OnlineHours, 0.05);

        var chart = Chart(report, "chart-hourly")!;
        var lines = chart.Descendants(Svg + "polyline").ToList();
        lines.Should().HaveCount(2, "one stretch before the hub stopped, one after");
        lines.Sum(l => l.Attribute("points")!.Value.Split(' ').Length).Should().Be(22);
        Chart(report, "chart-daily", optional: true).Should().BeNull();
    }

    [Fact]
    public void Each_device_kind_has_its_own_line_with_a_Vietnamese_legend()
    {
        var report = fixture.Report();

        report.ByKind.Select(k => (k.Kind, k.Name)).Should().Equal(("speaker", "Cụm loa"), ("wifi-ap", "Wi-Fi công cộng"));
        report.ByKind.Should().OnlyContain(k => k.Points.Count == 24);
        report.ByKind.Single(k => k.Kind == "wifi-ap").Points[14].AvailabilityPct.Should().Be(0, "F was silent from 14:00 to 15:30");
        var chart = Chart(report, "chart-kinds")!;
        chart.Descendants(Svg + "text").Select(t => t.Value).Should().Contain("Cụm loa").And.Contain("Wi-Fi công cộng");
    }

    [Fact]
    public void A_longer_report_charts_days()
    {
        var report = fixture.Builder().Build(ReportPeriod.FromDates("2026-11-09", "2026-11-11"));

        report.Hourly.Should().BeEmpty();
        report.Daily.Should().HaveCount(3);
        report.ByKind.Should().OnlyContain(k => k.Points.Count == 3);
        Chart(report, "chart-daily")!.Descendants(Svg + "polyline").Should().NotBeEmpty();
    }

    [Theory]
    [InlineData(374, "6 phút 14 giây")]
    [InlineData(15, "15 giây")]
    [InlineData(0.2, "0,2 giây")]
    [InlineData(0, "0 giây")]
    [InlineData(7500, "2 giờ 5 phút")]
    public void Durations_read_as_words(double seconds, string text) => ReportDuration.Format(seconds).Should().Be(text);

    private static XElement? Chart(IndicatorReport report, string id, bool optional = false)
    {
        using var reader = XmlReader.Create(new StringReader(HtmlReportWriter.Write(report)), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        var chart = XDocument.Load(reader).Descendants(Svg + "svg").SingleOrDefault(s => (string?)s.Attribute("id") == id);
        if (!optional)
        {
            chart.Should().NotBeNull();
        }

        return chart;
    }
}
