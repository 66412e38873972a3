using System.Globalization;
using System.Text;
using static TanKy.Hub.Reports.Html;
using static TanKy.Hub.Reports.Text.ReportText;

namespace TanKy.Hub.Reports;

/// <summary>
/// The broadcasting part of the HTML report, or a plain "no data yet" note. Airtime is shown as
/// "6 phút 14 giây" with the seconds in <c>data-v</c>; every hamlet in scope has a row, 0 included.
/// </summary>
internal static class BroadcastSection
{
    public static void Render(StringBuilder sb, BroadcastSummary b)
    {
        if (!b.Available)
        {
            sb.Append($"<p class=\"nodata\" id=\"broadcast-nodata\">{E(Get("rpt.bc.nodata"))}</p>");
            return;
        }

        sb.Append($"<p>{E(Get("rpt.bc.programmes", N(b.ProgrammesPlanned ?? 0), N(b.ProgrammesAired ?? 0)))}</p>");
        HtmlReportWriter.Head(sb, Get("rpt.col.hamlet"), "rpt.col.airtime");
        foreach (var z in b.AirtimeByZone)
        {
            sb.Append($"<tr data-zone=\"{E(z.Zone)}\"><td>{E(z.Name)}</td>{Seconds("seconds_on_air", z.SecondsOnAir)}</tr>");
        }

        sb.Append("</tbody></table>");
        HtmlReportWriter.Head(sb, Get("rpt.col.emergency"), "rpt.col.at", "rpt.col.hamlet", "rpt.col.played", "rpt.col.delivery-pct", "rpt.col.on-air");
        foreach (var e in b.Emergencies)
        {
            sb.Append($"<tr class=\"emergency\"><td>{E(e.Title)}</td><td>{E(Local(e.At))}</td><td>{E(e.ZoneNames)}</td>");
            sb.Append($"<td data-col=\"played\" data-v=\"{e.Played}\" data-targeted=\"{e.Targeted}\">{E(Get("rpt.bc.played-of", e.Played, e.Targeted))}</td>");
            sb.Append($"{Cell("delivery_pct", e.DeliveryPct)}{Seconds("seconds_on_air", e.SecondsOnAir)}</tr>");
        }

        sb.Append("</tbody></table>");
        sb.Append($"<p class=\"note\">{E(Get("rpt.bc.played-rule"))}</p>");
    }

    private static string Seconds(string column, double seconds) =>
        $"<td class=\"num\" data-col=\"{column}\" data-v=\"{seconds.ToString("0.#", CultureInfo.InvariantCulture)}\">{E(ReportDuration.Format(seconds))}</td>";
}
