using System.Globalization;
using System.Text;
using static TanKy.Hub.Reports.Html;
using static TanKy.Hub.Reports.Text.ReportText;

namespace TanKy.Hub.Reports;

/// <summary>The HTML report's sections over time, incidents and Wi-Fi.</summary>
internal static class HtmlReportSections
{
    /// <summary>The fleet's availability over time (per hour for one day) and one line per device kind.</summary>
    public static void OverTime(StringBuilder sb, IndicatorReport r)
    {
        if (r.Hourly.Count > 0)
        {
            var hours = r.Hourly.Select(p => p.AvailabilityPct).ToList();
            sb.Append(AvailabilityLineChart.Render("chart-hourly", Get("rpt.chart.hourly"), [new AvailabilityLineChart.Line(Get("rpt.commune"), hours)], "00:00", "24:00"));
        }
        else
        {
            var days = r.Daily.Select(p => p.AvailabilityPct).ToList();
            sb.Append(AvailabilityLineChart.Render("chart-daily", Get("rpt.chart.daily"), [new AvailabilityLineChart.Line(Get("rpt.commune"), days)], Day(r.Daily[0].Date), Day(r.Daily[^1].Date)));
        }

        sb.Append($"<p class=\"note\">{E(Get(r.Hourly.Count > 0 ? "rpt.chart.kinds-hourly" : "rpt.chart.kinds-daily"))}</p>");
        var lines = r.ByKind.Select(k => new AvailabilityLineChart.Line(k.Name, k.Points.Select(p => p.AvailabilityPct).ToList())).ToList();
        var (first, last) = r.Hourly.Count > 0 ? ("00:00", "24:00") : (Day(r.Period.FirstDay), Day(r.Period.LastDay));
        sb.Append(AvailabilityLineChart.Render("chart-kinds", Get("rpt.chart.kinds"), lines, first, last));
    }

    public static void Incidents(StringBuilder sb, IndicatorReport r)
    {
        sb.Append($"<p>{E(Get("rpt.inc.total"))} <b data-col=\"incidents_total\" data-v=\"{r.IncidentsTotal}\">{N(r.IncidentsTotal)}</b>. {E(Get("rpt.inc.chart", r.Timeline.Count))}</p>");
        sb.Append(OutageTimelineChart.Render(r.Timeline, r.Period));
        sb.Append($"<p class=\"note\">{E(Get("rpt.inc.list", r.Incidents.Count))}</p>");
        HtmlReportWriter.Head(sb, Get("rpt.col.device"), "rpt.col.hamlet", "rpt.col.start", "rpt.col.end", "rpt.col.duration");
        foreach (var i in r.Incidents)
        {
            var start = (i.StartedBeforePeriod ? "<span class=\"flag\">◂ </span>" : "") + E(Local(i.Start));
            var end = E(Local(i.End)) + (i.OngoingAtPeriodEnd ? "<span class=\"flag\"> ▸</span>" : "");
            sb.Append($"<tr data-id=\"{E(i.DeviceId)}\"><td>{E(i.Name)}</td><td>{E(i.HamletNames)}</td><td>{start}</td><td>{end}</td>");
            sb.Append($"<td class=\"num\" data-col=\"duration_min\" data-v=\"{CsvReportWriter.Num(i.DurationMin)}\">{E(ReportDuration.FromMinutes(i.DurationMin))}</td></tr>");
        }

        sb.Append("</tbody></table>");
    }

    public static void Wifi(StringBuilder sb, IReadOnlyList<WifiRow> rows)
    {
        if (rows.Count == 0)
        {
            sb.Append($"<p class=\"nodata\">{E(Get("rpt.wifi.nodata"))}</p>");
            return;
        }

        HtmlReportWriter.Head(sb, Get("rpt.col.ap"), "rpt.col.hamlet", "rpt.col.sessions", "rpt.col.peak", "rpt.col.down-gb", "rpt.col.up-gb", "rpt.col.hours-data");
        foreach (var w in rows)
        {
            sb.Append($"<tr data-id=\"{E(w.DeviceId)}\"><td>{E(w.Name)}</td><td>{E(w.HamletNames)}</td>{Cell("sessions", (int)w.Sessions)}{Cell("peak_clients", w.PeakClients)}");
            sb.Append($"{Cell("tx_gb", w.TxGb, "0.###")}{Cell("rx_gb", w.RxGb, "0.###")}{Cell("hours_with_data", w.HoursWithData)}</tr>");
        }

        sb.Append("</tbody></table>");
    }

    private static string Day(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
