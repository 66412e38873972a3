using System.Text.RegularExpressions;
using TanKy.Hub.Reports.Text;

namespace TanKy.Hub.Tests.Reports;

/// <summary>Every word of the report comes from Resources/Text/reports2.resx, in both languages.</summary>
public sealed partial class ReportText_Tests(AvailabilityFixture fixture) : IClassFixture<AvailabilityFixture>
{
    [Fact]
    public void Every_key_the_report_code_uses_exists_with_Vietnamese_and_English()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "TanKy.Iot.sln")))
        {
            root = root.Parent!;
        }

        var code = Directory.EnumerateFiles(Path.Combine(root.FullName, "hub", "TanKy.Hub", "Reports"), "*.cs", SearchOption.AllDirectories).Select(File.ReadAllText);
        var used = code.SelectMany(c => KeyPattern().Matches(c).Select(m => m.Groups[1].Value)).Where(k => !k.EndsWith('.')).ToHashSet();

        used.Should().HaveCountGreaterThan(80);
        used.Except(ReportText.Keys).Should().BeEmpty("a key used in Reports/** must be in Resources/Text/reports2.resx");
        foreach (var key in ReportText.Keys)
        {
            ReportText.In("vi", key).Should().NotBeNullOrWhiteSpace(key);
            ReportText.In("en", key).Should().NotBeNullOrWhiteSpace(key);
        }
    }

    [Fact]
    public void The_report_has_no_missing_word_and_no_English_leak()
    {
        var html = TanKy.Hub.Reports.HtmlReportWriter.Write(fixture.Report());

        html.Should().NotContain("[rpt.");
        html.Should().NotContainAny("no data yet", "invalid", " / ");
    }

    [GeneratedRegex("\"(rpt\\.[a-z0-9.\\-]+)\"")]
    private static partial Regex KeyPattern();
}
