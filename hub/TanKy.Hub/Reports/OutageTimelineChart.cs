using System.Text;
using static TanKy.Hub.Reports.Html;
using static TanKy.Hub.Reports.Text.ReportText;

namespace TanKy.Hub.Reports;

/// <summary>Outages per device across the period, one strip per device by name (a Gantt-like inline SVG).</summary>
internal static class OutageTimelineChart
{
    private const double LabelWidth = 150, Width = 530, RowHeight = 16;

    public static string Render(IReadOnlyList<TimelineRow> rows, ReportPeriod period)
    {
        var from = period.From.ToUnixTimeMilliseconds();
        var span = (double)(period.To.ToUnixTimeMilliseconds() - from);
        var height = (Math.Max(1, rows.Count) * RowHeight) + 24;
        var sb = new StringBuilder();
        sb.Append($"<svg id=\"chart-timeline\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"690\" height=\"{F(height)}\" viewBox=\"0 0 690 {F(height)}\">");
        sb.Append($"<title>{E(Get("rpt.chart.timeline"))}</title>");
        for (var i = 0; i < rows.Count; i++)
        {
            var y = i * RowHeight;
            sb.Append($"<text x=\"{LabelWidth - 4}\" y=\"{F(y + 12)}\" text-anchor=\"end\" class=\"small\">{E(rows[i].Name)}</text>");
            sb.Append($"<rect x=\"{LabelWidth}\" y=\"{F(y + 3)}\" width=\"{Width}\" height=\"{RowHeight - 6}\" class=\"strip\"/>");
            foreach (var o in rows[i].Outages)
            {
                var x = LabelWidth + (Width * (o.Start.ToUnixTimeMilliseconds() - from) / span);
                var w = Math.Max(1, Width * (o.End - o.Start).TotalMilliseconds / span);
                sb.Append($"<rect x=\"{F(x)}\" y=\"{F(y + 3)}\" width=\"{F(w)}\" height=\"{RowHeight - 6}\" class=\"outage\"><title>{E(Local(o.Start))} – {E(Local(o.End))}</title></rect>");
            }
        }

        var axisY = (rows.Count * RowHeight) + 16;
        sb.Append($"<text x=\"{LabelWidth}\" y=\"{F(axisY)}\" class=\"axis\">{period.FirstDay:dd/MM/yyyy}</text>");
        sb.Append($"<text x=\"{LabelWidth + Width}\" y=\"{F(axisY)}\" text-anchor=\"end\" class=\"axis\">{period.LastDay:dd/MM/yyyy}</text>");
        return sb.Append("</svg>").ToString();
    }
}
