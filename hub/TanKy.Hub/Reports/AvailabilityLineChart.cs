using System.Text;
using static TanKy.Hub.Reports.Html;

namespace TanKy.Hub.Reports;

/// <summary>
/// Availability over time as lines (inline SVG): the fleet per day or per hour, or one line per
/// device kind with a legend. The vertical scale starts a little below the worst value so small
/// dips stay visible; stretches with nothing counted break the line.
/// </summary>
internal static class AvailabilityLineChart
{
    private const double Left = 50, Top = 10, Width = 620, Height = 200;

    /// <summary>One line: its legend text and its values, one per bucket (null: nothing counted).</summary>
    public sealed record Line(string Label, IReadOnlyList<double?> Values);

    public static string Render(string id, string title, IReadOnlyList<Line> lines, string firstLabel, string lastLabel)
    {
        var values = lines.SelectMany(l => l.Values).Where(v => v is not null).Select(v => v!.Value).ToList();
        var floor = values.Count == 0 ? 0 : Math.Max(0, Math.Floor((values.Min() - 1) / 5) * 5);
        var legend = lines.Count > 1 ? 16 * lines.Count : 0;
        var height = 240 + legend;
        var sb = new StringBuilder();
        sb.Append($"<svg id=\"{id}\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"690\" height=\"{height}\" viewBox=\"0 0 690 {height}\">");
        sb.Append($"<title>{E(title)}</title>");
        foreach (var tick in new[] { floor, (floor + 100) / 2, 100 })
        {
            var y = Y(tick, floor);
            sb.Append($"<line x1=\"{Left}\" y1=\"{F(y)}\" x2=\"{Left + Width}\" y2=\"{F(y)}\" class=\"grid\"/>");
            sb.Append($"<text x=\"{Left - 4}\" y=\"{F(y + 4)}\" text-anchor=\"end\" class=\"axis\">{N(tick, "0.#")} %</text>");
        }

        for (var i = 0; i < lines.Count; i++)
        {
            foreach (var segment in Segments(lines[i].Values, floor))
            {
                sb.Append($"<polyline class=\"line line-{i % 6}\" points=\"{string.Join(' ', segment)}\"><title>{E(lines[i].Label)}</title></polyline>");
            }
        }

        sb.Append($"<text x=\"{Left}\" y=\"235\" class=\"axis\">{E(firstLabel)}</text>");
        sb.Append($"<text x=\"{Left + Width}\" y=\"235\" text-anchor=\"end\" class=\"axis\">{E(lastLabel)}</text>");
        for (var i = 0; lines.Count > 1 && i < lines.Count; i++)
        {
            var y = 252 + (i * 16);
            sb.Append($"<line x1=\"{Left}\" y1=\"{y - 4}\" x2=\"{Left + 20}\" y2=\"{y - 4}\" class=\"line line-{i % 6}\"/>");
            sb.Append($"<text x=\"{Left + 26}\" y=\"{y}\" class=\"legend\">{E(lines[i].Label)}</text>");
        }

        return sb.Append("</svg>").ToString();
    }

    private static List<List<string>> Segments(IReadOnlyList<double?> points, double floor)
    {
        var segments = new List<List<string>>();
        var current = new List<string>();
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i] is not { } pct)
            {
                current = Flush(segments, current);
                continue;
            }

            var x = points.Count == 1 ? Left + (Width / 2) : Left + (Width * i / (points.Count - 1));
            current.Add($"{F(x)},{F(Y(pct, floor))}");
        }

        Flush(segments, current);

        // A lone point would be an invisible polyline: draw it as a short flat stroke.
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
