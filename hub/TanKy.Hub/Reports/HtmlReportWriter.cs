using System.Text;
using static TanKy.Hub.Reports.Html;

namespace TanKy.Hub.Reports;

/// <summary>
/// The report as one self-contained, printable Vietnamese page: inline CSS and SVG, no script,
/// no external resource. Written as XHTML-compatible markup so it also parses as XML.
/// </summary>
internal static class HtmlReportWriter
{
    public static string Write(IndicatorReport r)
    {
        var sb = new StringBuilder(64 * 1024);
        sb.Append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"vi\"><head><meta charset=\"utf-8\"/>");
        sb.Append($"<title>Báo cáo chỉ số hạ tầng số – {E(r.Period.Label)}</title><style>{ReportStyles.Css}</style></head><body>");
        sb.Append("<h1>Báo cáo chỉ số hạ tầng số</h1>");
        sb.Append($"<p class=\"sub\">Xã {E(SiteName(r.Site))} – kỳ báo cáo: {E(r.Period.Label)} ({r.Period.FirstDay:dd/MM/yyyy} – {r.Period.LastDay:dd/MM/yyyy})</p>");
        sb.Append($"<p class=\"sub\">Lập lúc {E(Local(r.GeneratedAt))} (giờ Việt Nam){(r.Scope.Count > 0 ? " – phạm vi: " + E(string.Join(", ", r.Scope)) : "")}</p>");
        Overview(sb, r.Commune);
        Section(sb, "1. Theo loại thiết bị", () => GroupTable(sb, r.Kinds, "Loại thiết bị"));
        Section(sb, "2. Theo khối/xóm", () =>
        {
            sb.Append(HamletBarChart.Render(r.Hamlets));
            GroupTable(sb, r.Hamlets, "Khối/xóm");
        });
        Section(sb, "3. Tỷ lệ sẵn sàng theo ngày", () => sb.Append(DailyLineChart.Render(r.Daily)));
        Section(sb, "4. Sự cố mất kết nối", () => Incidents(sb, r));
        Section(sb, "5. Phát thanh", () => BroadcastSection.Render(sb, r.Broadcasting));
        Section(sb, "6. Wi-Fi công cộng", () => Wifi(sb, r.Wifi));
        Section(sb, "7. Chi tiết từng thiết bị", () => DeviceTable(sb, r.Devices));
        Method(sb);
        return sb.Append("</body></html>\n").ToString();
    }

    private static void Overview(StringBuilder sb, ReportRow c)
    {
        sb.Append("<h2>Tổng quan toàn xã</h2><div class=\"kpi\" id=\"overview\">");
        Kpi(sb, "Thiết bị lắp đặt", "installed", c.Installed, N(c.Installed));
        Kpi(sb, "Đang hoạt động", "online_now", c.OnlineNow, N(c.OnlineNow));
        Kpi(sb, "Tỷ lệ sẵn sàng", "availability_pct", c.AvailabilityPct, N(c.AvailabilityPct) + " %");
        Kpi(sb, "Số sự cố", "incidents", c.Incidents, N(c.Incidents));
        Kpi(sb, "Thời gian khắc phục TB (MTTR)", "mttr_min", c.MttrMin, N(c.MttrMin) + " phút");
        Kpi(sb, "Thời gian hoạt động giữa sự cố (MTBF)", "mtbf_hours", c.MtbfHours, N(c.MtbfHours) + " giờ");
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
        sb.Append($"<table><thead><tr><th>{E(what)}</th><th>Lắp đặt</th><th>Đang hoạt động</th><th>Sẵn sàng (%)</th><th>Sự cố</th><th>Lâu nhất (phút)</th><th>MTTR (phút)</th><th>MTBF (giờ)</th></tr></thead><tbody>");
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
        sb.Append("<table><thead><tr><th>Mã thiết bị</th><th>Tên</th><th>Loại</th><th>Khối/xóm</th><th>Sẵn sàng (%)</th><th>Trực tuyến (giờ)</th><th>Mất kết nối (giờ)</th><th>Không rõ (giờ)</th><th>Bảo trì (giờ)</th><th>Sự cố</th><th>Lâu nhất (phút)</th><th>MTTR (phút)</th></tr></thead><tbody>");
        foreach (var r in rows)
        {
            sb.Append($"<tr data-level=\"device\" data-id=\"{E(r.Id)}\"><td>{E(r.Id)}</td><td>{E(r.Name)}</td><td>{E(DeviceLabels.Kind(r.Kind))}</td><td>{E(r.Hamlet)}</td>");
            sb.Append(Cell("availability_pct", r.AvailabilityPct, "0.###")).Append(Cell("online_hours", r.OnlineHours)).Append(Cell("offline_hours", r.OfflineHours));
            sb.Append(Cell("unknown_hours", r.UnknownHours)).Append(Cell("maintenance_hours", r.MaintenanceHours)).Append(Cell("incidents", r.Incidents));
            sb.Append(Cell("longest_outage_min", r.LongestOutageMin)).Append(Cell("mttr_min", r.MttrMin)).Append("</tr>");
        }

        sb.Append("</tbody></table>");
    }

    private static void Incidents(StringBuilder sb, IndicatorReport r)
    {
        sb.Append($"<p>Tổng số sự cố trong kỳ: <b data-col=\"incidents_total\" data-v=\"{r.IncidentsTotal}\">{N(r.IncidentsTotal)}</b>. Biểu đồ: {r.Timeline.Count} thiết bị mất kết nối lâu nhất.</p>");
        sb.Append(OutageTimelineChart.Render(r.Timeline, r.Period));
        sb.Append($"<p class=\"note\">Danh sách {r.Incidents.Count} sự cố dài nhất (theo thời gian bắt đầu). ◂ bắt đầu trước kỳ, ▸ còn tiếp diễn sau kỳ.</p>");
        sb.Append("<table><thead><tr><th>Thiết bị</th><th>Khối/xóm</th><th>Bắt đầu</th><th>Kết thúc</th><th>Thời lượng (phút)</th></tr></thead><tbody>");
        foreach (var i in r.Incidents)
        {
            var start = (i.StartedBeforePeriod ? "<span class=\"flag\">◂ </span>" : "") + E(Local(i.Start));
            var end = E(Local(i.End)) + (i.OngoingAtPeriodEnd ? "<span class=\"flag\"> ▸</span>" : "");
            sb.Append($"<tr><td>{E(i.DeviceId)}</td><td>{E(i.Hamlet)}</td><td>{start}</td><td>{end}</td>{Cell("duration_min", i.DurationMin)}</tr>");
        }

        sb.Append("</tbody></table>");
    }

    private static void Wifi(StringBuilder sb, IReadOnlyList<WifiRow> rows)
    {
        if (rows.Count == 0)
        {
            sb.Append("<p class=\"nodata\">Chưa có số liệu sử dụng Wi-Fi trong kỳ / no Wi-Fi data for this period.</p>");
            return;
        }

        sb.Append("<table><thead><tr><th>Điểm phát</th><th>Khối/xóm</th><th>Lượt kết nối</th><th>Đồng thời tối đa</th><th>Tải xuống (GB)</th><th>Tải lên (GB)</th><th>Giờ có số liệu</th></tr></thead><tbody>");
        foreach (var w in rows)
        {
            sb.Append($"<tr data-id=\"{E(w.DeviceId)}\"><td>{E(w.Name)}</td><td>{E(w.Hamlet)}</td>{Cell("sessions", (int)w.Sessions)}{Cell("peak_clients", w.PeakClients)}");
            sb.Append($"{Cell("tx_gb", w.TxGb, "0.###")}{Cell("rx_gb", w.RxGb, "0.###")}{Cell("hours_with_data", w.HoursWithData)}</tr>");
        }

        sb.Append("</tbody></table>");
    }

    private static void Method(StringBuilder sb) => sb.Append("""
        <h2>Cách tính</h2><p class="note">Tỷ lệ sẵn sàng = thời gian trực tuyến ÷ (trực tuyến + mất kết nối). Không tính vào mẫu số:
        thời gian bảo trì theo kế hoạch, thời gian hệ thống trung tâm ngừng chạy hoặc chưa nhận tín hiệu của thiết bị (không rõ),
        thời gian trước khi lắp đặt và sau khi gỡ bỏ. Thiết bị im lặng quá 3 chu kỳ báo cáo được tính là mất kết nối.
        MTTR = tổng thời gian mất kết nối ÷ số sự cố; MTBF = tổng thời gian trực tuyến ÷ số sự cố.</p>
        """);

    private static string SiteName(string site) => site == "tan-ky" ? "Tân Kỳ" : site;
}
