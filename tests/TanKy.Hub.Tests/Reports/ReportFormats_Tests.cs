using System.Globalization;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using TanKy.Hub.Reports;

namespace TanKy.Hub.Tests.Reports;

public sealed class ReportFormats_Tests : IClassFixture<AvailabilityFixture>
{
    private static readonly XNamespace X = "http://www.w3.org/1999/xhtml";
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private readonly IndicatorReport _report;

    public ReportFormats_Tests(AvailabilityFixture fixture) => _report = fixture.Report();

    private XDocument Html()
    {
        var html = HtmlReportWriter.Write(_report);
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader); // throws on anything that is not well-formed
    }

    [Fact]
    public void Html_is_well_formed_self_contained_Vietnamese_with_its_charts()
    {
        var doc = Html();
        var text = doc.ToString();

        doc.Root!.Attribute("lang")!.Value.Should().Be("vi");
        foreach (var id in new[] { "chart-hamlets", "chart-hourly", "chart-kinds", "chart-timeline" })
        {
            doc.Descendants(Svg + "svg").Should().Contain(s => (string?)s.Attribute("id") == id);
        }

        doc.Descendants(X + "script").Should().BeEmpty();
        doc.Descendants().Attributes().Where(a => a.Name.LocalName is "src" or "href").Should().BeEmpty("no external resource");
        text.Should().Contain("@page").And.Contain("size: A4");
        text.Should().Contain("Báo cáo chỉ số hạ tầng số").And.Contain("Khối 1").And.Contain("Xóm 3");
        doc.Descendants(Svg + "svg").Single(s => (string?)s.Attribute("id") == "chart-timeline").Descendants(Svg + "rect")
            .Count(r => (string?)r.Attribute("class") == "outage").Should().Be(6);
        doc.Descendants().Should().Contain(e => (string?)e.Attribute("id") == "broadcast-nodata");
    }

    [Fact]
    public void Html_numbers_equal_the_json()
    {
        var json = JsonDocument.Parse(JsonReportWriter.Write(_report)).RootElement;
        var rows = Html().Descendants(X + "tr").Where(tr => tr.Attribute("data-level") is not null).ToList();
        rows.Should().HaveCount(_report.Devices.Count + _report.Hamlets.Count + _report.Kinds.Count);

        var compared = 0;
        foreach (var tr in rows)
        {
            var level = tr.Attribute("data-level")!.Value;
            var array = level switch { "device" => "devices", "hamlet" => "hamlets", _ => "kinds" };
            var expected = json.GetProperty(array).EnumerateArray().Single(r => r.GetProperty("id").GetString() == tr.Attribute("data-id")!.Value);
            foreach (var td in tr.Elements(X + "td").Where(td => td.Attribute("data-col") is not null))
            {
                var value = expected.GetProperty(td.Attribute("data-col")!.Value);
                var shown = td.Attribute("data-v")!.Value;
                if (value.ValueKind == JsonValueKind.Null)
                {
                    shown.Should().BeEmpty();
                    td.Value.Should().Be("–");
                }
                else
                {
                    double.Parse(shown, CultureInfo.InvariantCulture).Should().Be(value.GetDouble());
                    double.Parse(td.Value, NumberStyles.Number, CultureInfo.GetCultureInfo("vi-VN")).Should().BeApproximately(value.GetDouble(), 0.01);
                }

                compared++;
            }
        }

        compared.Should().BeGreaterThan(50);
        var overview = Html().Descendants(X + "b").Single(b => (string?)b.Attribute("data-col") == "availability_pct");
        double.Parse(overview.Attribute("data-v")!.Value, CultureInfo.InvariantCulture).Should().Be(json.GetProperty("commune").GetProperty("availability_pct").GetDouble());
    }

    [Fact]
    public void Csv_columns_match_the_documentation()
    {
        var documented = DocumentedCsvColumns();
        var lines = CsvReportWriter.Write(_report, CsvHeaders.Machine).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        lines[0].Split(',').Should().Equal(documented);
        CsvReportWriter.Columns.Should().Equal(documented);
        lines.Should().HaveCount(1 + 1 + _report.Kinds.Count + _report.Hamlets.Count + _report.Devices.Count);
        lines[1].Should().StartWith("tan-ky,2026-11-10,2026-11-10,commune,tan-ky,");
        lines.Should().Contain(l => l.StartsWith("tan-ky,2026-11-10,2026-11-10,device,loa-b,Cụm loa B,speaker,khoi-1,1,0,18,1,2,3,94.737,1,60,60,18", StringComparison.Ordinal));
        lines.Should().Contain(l => l.Contains(",device,loa-c,", StringComparison.Ordinal) && l.EndsWith(",100,0,0,,", StringComparison.Ordinal), "no incident: empty MTTR and MTBF");
    }

    [Fact]
    public void Json_has_iso_dates_and_snake_case_names()
    {
        var json = JsonDocument.Parse(JsonReportWriter.Write(_report)).RootElement;

        json.GetProperty("v").GetInt32().Should().Be(1);
        json.GetProperty("period").GetProperty("from").GetString().Should().Be("2026-11-10");
        json.GetProperty("incidents_total").GetInt32().Should().Be(6);
        json.GetProperty("incidents")[0].GetProperty("start").GetString().Should().Be("2026-11-10T00:00:00+07:00", "people read Vietnam time");
        json.GetProperty("generated_at").GetString().Should().EndWith("+07:00");
        json.GetProperty("devices").EnumerateArray().Single(d => d.GetProperty("id").GetString() == "loa-c").GetProperty("hamlet_names").GetString().Should().Be("Xóm 3");
        json.GetProperty("broadcasting").GetProperty("available").GetBoolean().Should().BeFalse();
    }

    /// <summary>The first column of the table under "### CSV" in hub/docs/reports.md.</summary>
    internal static List<string> DocumentedCsvColumns()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir.FullName, "TanKy.Iot.sln")))
        {
            dir = dir.Parent!;
        }

        var lines = File.ReadAllLines(Path.Combine(dir.FullName, "hub", "docs", "reports.md"));
        return lines.SkipWhile(l => !l.StartsWith("### CSV", StringComparison.Ordinal))
            .SkipWhile(l => !l.StartsWith("| column", StringComparison.Ordinal)).Skip(2)
            .TakeWhile(l => l.StartsWith('|'))
            .Select(l => l.Split('|')[1].Trim().Trim('`'))
            .ToList();
    }
}
