using System.Text;
using static TanKy.Hub.Reports.Html;

namespace TanKy.Hub.Reports;

/// <summary>
/// Daily fleet availability as a line (inline SVG). The vertical scale starts a little below the
/// worst day so that small dips stay visible; days with nothing counted break the line.
/// </summary>
internal static class DailyLineChart
{
    private const double Left = 50, Top = 10, Width = 620, Height = 200;

    public static string Render(IReadOnlyList<DailyPoint> days)
    {
        var values = days.Where(d => d.AvailabilityPct is not null).Select(d => d.AvailabilityPct!.Value).ToList();
        var floor = values.Count == 0 ? 0 : Math.Max(0, Math.Floor((values.Min() - 1) / 5) * 5);
        var sb = new StringBuilder();
        sb.Append($"<svg id=\"chart-daily\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"690\" height=\"240\" viewBox=\"0 0 690 240\">");
        sb.Append("<title>Tỷ lệ sẵn sàng theo ngày</title>");
        foreach (var tick in new[] { floor, (floor + 100) / 2, 100 })
        {
            var y = Y(tick, floor);
            sb.Append($"<line x1=\"{Left}\" y1=\"{F(y)}\" x2=\"{Left + Width}\" y2=\"{F(y)}\" class=\"grid\"/>");
            sb.Append($"<text x=\"{Left - 4}\" y=\"{F(y + 4)}\" text-anchor=\"end\" class=\"axis\">{N(tick, "0.#")} %</text>");
        }

        foreach (var segment in Segments(days, floor))
        {
            sb.Append($"<polyline class=\"line\" points=\"{string.Join(' ', segment)}\"/>");
        }

        sb.Append($"<text x=\"{Left}\" y=\"235\" class=\"axis\">{days[0].Date:dd/MM/yyyy}</text>");
        sb.Append($"<text x=\"{Left + Width}\" y=\"235\" text-anchor=\"end\" class=\"axis\">{days[^1].Date:dd/MM/yyyy}</text>");
        return sb.Append("</svg>").ToString();
    }

    private static List<List<string>> Segments(IReadOnlyList<DailyPoint> days, double floor)
    {
        var segments = new List<List<string>>();
        var current = new List<string>();
        for (var i = 0; i < days.Count; i++)
        {
            if (days[i].AvailabilityPct is not { } pct)
            {
                current = Flush(segments, current);
                continue;
            }

            var x = days.Count == 1 ? Left + (Width / 2) : Left + (Width * i / (days.Count - 1));
            current.Add($"{F(x)},{F(Y(pct, floor))}");
        }

        Flush(segments, current);

        // A lone day would be an invisible polyline: draw it as a short flat stroke.
        return segments.Select(s => s.Count == 1 ? [s[0], s[0].Replace(",", ".5,", StringComparison.Ordinal)] : s).ToList();
    }

    private static List<string> Flush(List<List<string>> segments, List<string> current)
    {
        if (current.Count > 0)
        {
            segments.Add(current);
        }

        return [];
    }

    private static double Y(double pct, double floor) => Top + (Height * (100 - pct) / Math.Max(1, 100 - floor));
}
