using System.Text;
using static TanKy.Hub.Reports.Html;

namespace TanKy.Hub.Reports;

/// <summary>The broadcasting part of the HTML report, or a plain "no data yet" note.</summary>
internal static class BroadcastSection
{
    public static void Render(StringBuilder sb, BroadcastSummary b)
    {
        if (!b.Available)
        {
            sb.Append($"<p class=\"nodata\" id=\"broadcast-nodata\">Chưa có dữ liệu phát thanh / no data yet. {E(b.Note == BroadcastSummary.NoData.Note ? "" : b.Note)}</p>");
            return;
        }

        sb.Append($"<p>Chương trình theo kế hoạch: <b>{N(b.ProgrammesPlanned ?? 0)}</b>; đã phát: <b>{N(b.ProgrammesAired ?? 0)}</b>.</p>");
        sb.Append("<table><thead><tr><th>Khối/xóm</th><th>Giờ phát sóng</th></tr></thead><tbody>");
        foreach (var z in b.AirtimeByZone)
        {
            sb.Append($"<tr><td>{E(z.Name)}</td>{Cell("hours_on_air", z.HoursOnAir)}</tr>");
        }

        sb.Append("</tbody></table><table><thead><tr><th>Bản tin khẩn cấp</th><th>Thời điểm</th><th>Loa nhận</th><th>Tỷ lệ (%)</th></tr></thead><tbody>");
        foreach (var e in b.Emergencies)
        {
            sb.Append($"<tr><td>{E(e.Title)}</td><td>{E(Local(e.At))}</td><td>{e.Played}/{e.Targeted}</td>{Cell("delivery_pct", e.DeliveryPct)}</tr>");
        }

        sb.Append("</tbody></table>");
    }
}
