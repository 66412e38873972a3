using System.Text;
using static TanKy.Hub.Reports.Html;
using static TanKy.Hub.Reports.Text.ReportText;

namespace TanKy.Hub.Reports;

/// <summary>Availability per hamlet as horizontal bars (inline SVG, no script).</summary>
internal static class HamletBarChart
{
    private const int LabelWidth = 170;
    private const int BarWidth = 440;
    private const int RowHeight = 22;

    public static string Render(IReadOnlyList<ReportRow> hamlets)
    {
        var height = (Math.Max(1, hamlets.Count) * RowHeight) + 30;
        var sb = new StringBuilder();
        sb.Append($"<svg id=\"chart-hamlets\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"680\" height=\"{height}\" viewBox=\"0 0 680 {height}\">");
        sb.Append($"<title>{E(Get("rpt.chart.hamlets"))}</title>");
        for (var tick = 0; tick <= 100; tick += 25)
        {
            var x = LabelWidth + (BarWidth * tick / 100.0);
            sb.Append($"<line x1=\"{F(x)}\" y1=\"0\" x2=\"{F(x)}\" y2=\"{height - 20}\" class=\"grid\"/>");
            sb.Append($"<text x=\"{F(x)}\" y=\"{height - 6}\" text-anchor=\"middle\" class=\"axis\">{tick} %</text>");
        }

        for (var i = 0; i < hamlets.Count; i++)
        {
            var h = hamlets[i];
            var y = i * RowHeight;
            var width = BarWidth * (h.AvailabilityPct ?? 0) / 100.0;
            sb.Append($"<text x=\"{LabelWidth - 6}\" y=\"{y + 15}\" text-anchor=\"end\">{E(h.Name)}</text>");
            sb.Append($"<rect x=\"{LabelWidth}\" y=\"{y + 3}\" width=\"{F(width)}\" height=\"{RowHeight - 6}\" class=\"{BarClass(h.AvailabilityPct)}\"/>");
            sb.Append($"<text x=\"{F(LabelWidth + width + 4)}\" y=\"{y + 15}\" class=\"value\">{N(h.AvailabilityPct)} %</text>");
        }

        return sb.Append("</svg>").ToString();
    }

    private static string BarClass(double? pct) => pct switch
    {
        null => "bar-none",
        >= 99 => "bar-good",
        >= 95 => "bar-fair",
        _ => "bar-poor",
    };
}
