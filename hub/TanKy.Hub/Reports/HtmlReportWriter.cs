using System.Globalization;
using System.Text;
using static TanKy.Hub.Reports.Html;
using static TanKy.Hub.Reports.Text.ReportText;

namespace TanKy.Hub.Reports;

/// <summary>
/// The report as one self-contained, printable Vietnamese page: inline CSS and SVG, no script,
/// no external resource. Written as XHTML-compatible markup so it also parses as XML. Devices and
/// hamlets appear by name; ids stay only in <c>data-id</c> attributes (the machine value).
/// </summary>
internal static class HtmlReportWriter
{
    public static string Write(IndicatorReport r)
    {
        var sb = new StringBuilder(64 * 1024);
        sb.Append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"vi\"><head><meta charset=\"utf-8\"/>");
        sb.Append($"<title>{E(Get("rpt.html.title"))} – {E(r.Period.Label)}</title><style>{ReportStyles.Css}</style></head><body>");
        sb.Append($"<h1>{E(Get("rpt.html.title"))}</h1>");
        sb.Append($"<p class=\"sub\">{E(Get("rpt.html.subtitle", SiteName(r.Site), r.Period.Label, r.Period.FirstDay.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), r.Period.LastDay.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)))}</p>");
        var scope = r.ScopeNames.Count > 0 ? Get("rpt.html.scope", string.Join(", ", r.ScopeNames)) : "";
        sb.Append($"<p class=\"sub\">{E(Get("rpt.html.generated", Local(r.GeneratedAt)))}{E(scope)}</p>");
        Overview(sb, r.Commune);
        Section(sb, Get("rpt.html.s-kinds"), () => GroupTable(sb, r.Kinds, Get("rpt.col.kind")));
        Section(sb, Get("rpt.html.s-hamlets"), () =>
        {
            sb.Append(HamletBarChart.Render(r.Hamlets));
            GroupTable(sb, r.Hamlets, Get("rpt.col.hamlet"));
        });
        Section(sb, Get(r.Hourly.Count > 0 ? "rpt.html.s-hourly" : "rpt.html.s-daily"), () => HtmlReportSections.OverTime(sb, r));
        Section(sb, Get("rpt.html.s-incidents"), () => HtmlReportSections.Incidents(sb, r));
        Section(sb, Get("rpt.html.s-broadcast"), () => BroadcastSection.Render(sb, r.Broadcasting));
        Section(sb, Get("rpt.html.s-wifi"), () => HtmlReportSections.Wifi(sb, r.Wifi));
        Section(sb, Get("rpt.html.s-devices"), () => DeviceTable(sb, r.Devices));
        sb.Append($"<h2>{E(Get("rpt.html.s-method"))}</h2><p class=\"note\">{E(Get("rpt.html.method"))}</p>");
        return sb.Append("</body></html>\n").ToString();
    }

    private static void Overview(StringBuilder sb, ReportRow c)
    {
        sb.Append($"<h2>{E(Get("rpt.html.overview"))}</h2><div class=\"kpi\" id=\"overview\">");
        Kpi(sb, Get("rpt.kpi.installed"), "installed", c.Installed, N(c.Installed));
        Kpi(sb, Get("rpt.kpi.online-now"), "online_now", c.OnlineNow, N(c.OnlineNow));
        Kpi(sb, Get("rpt.kpi.availability"), "availability_pct", c.AvailabilityPct, N(c.AvailabilityPct) + " %");
        Kpi(sb, Get("rpt.kpi.incidents"), "incidents", c.Incidents, N(c.Incidents));
        Kpi(sb, Get("rpt.kpi.mttr"), "mttr_min", c.MttrMin, ReportDuration.FromMinutes(c.MttrMin));
        Kpi(sb, Get("rpt.kpi.mtbf"), "mtbf_hours", c.MtbfHours, ReportDuration.FromHours(c.MtbfHours));
        sb.Append("</div>");
    }

    private static void Kpi(StringBuilder sb, string label, string column, double? value, string text) =>
        sb.Append($"<div>{E(label)}<b data-col=\"{column}\" data-v=\"{CsvReportWriter.Num(value)}\">{E(text)}</b></div>");

    private static void Section(StringBuilder sb, string title, Action body)
    {
        sb.Append($"<h2>{E(title)}</h2>");
        body();
    }

    private static void GroupTable(StringBuilder sb, IReadOnlyList<ReportRow> rows, string what)
    {
        Head(sb, what, "rpt.col.installed", "rpt.col.online-now", "rpt.col.availability", "rpt.col.incidents", "rpt.col.longest", "rpt.col.mttr", "rpt.col.mtbf");
        foreach (var r in rows)
        {
            sb.Append($"<tr data-level=\"{r.Level}\" data-id=\"{E(r.Id)}\"><td>{E(r.Name)}</td>");
            sb.Append(Cell("installed", r.Installed)).Append(Cell("online_now", r.OnlineNow)).Append(Cell("availability_pct", r.AvailabilityPct, "0.###"));
            sb.Append(Cell("incidents", r.Incidents)).Append(Cell("longest_outage_min", r.LongestOutageMin)).Append(Cell("mttr_min", r.MttrMin)).Append(Cell("mtbf_hours", r.MtbfHours));
            sb.Append("</tr>");
        }

        sb.Append("</tbody></table>");
    }

    private static void DeviceTable(StringBuilder sb, IReadOnlyList<ReportRow> rows)
    {
        Head(sb, Get("rpt.col.device"), "rpt.col.kind", "rpt.col.hamlet", "rpt.col.availability", "rpt.col.online-h", "rpt.col.offline-h", "rpt.col.unknown-h",
            "rpt.col.maintenance-h", "rpt.col.incidents", "rpt.col.longest", "rpt.col.mttr");
        foreach (var r in rows)
        {
            sb.Append($"<tr data-level=\"device\" data-id=\"{E(r.Id)}\"><td>{E(r.Name)}</td><td>{E(DeviceLabels.Kind(r.Kind))}</td><td>{E(r.HamletNames)}</td>");
            sb.Append(Cell("availability_pct", r.AvailabilityPct, "0.###")).Append(Cell("online_hours", r.OnlineHours)).Append(Cell("offline_hours", r.OfflineHours));
            sb.Append(Cell("unknown_hours", r.UnknownHours)).Append(Cell("maintenance_hours", r.MaintenanceHours)).Append(Cell("incidents", r.Incidents));
            sb.Append(Cell("longest_outage_min", r.LongestOutageMin)).Append(Cell("mttr_min", r.MttrMin)).Append("</tr>");
        }

        sb.Append("</tbody></table>");
    }

    /// <summary>Opens a table: the first header as given, the others by key.</summary>
    internal static void Head(StringBuilder sb, string first, params string[] keys)
    {
        sb.Append("<table><thead><tr><th>").Append(E(first)).Append("</th>");
        foreach (var key in keys)
        {
            sb.Append("<th>").Append(E(Get(key))).Append("</th>");
        }

        sb.Append("</tr></thead><tbody>");
    }

    private static string SiteName(string site) => site == "tan-ky" ? Get("rpt.site.tan-ky") : site;
}
