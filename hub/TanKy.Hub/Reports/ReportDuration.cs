using System.Globalization;
using TanKy.Hub.Reports.Text;

namespace TanKy.Hub.Reports;

/// <summary>
/// Durations as people say them: "6 phút 14 giây", "2 giờ 5 phút", "0,2 giây". Hours shown as a
/// decimal rounded to 0.01 h made 15 s of airtime read "0" (issue #17).
/// </summary>
internal static class ReportDuration
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static string Format(double seconds)
    {
        if (seconds < 0 || double.IsNaN(seconds))
        {
            seconds = 0;
        }

        // Under ten seconds the tenths matter (an emergency cut after 0.2 s); above, whole seconds.
        if (seconds < 10)
        {
            return ReportText.Get("rpt.duration.s", Math.Round(seconds, 1).ToString("0.#", Vietnamese));
        }

        var whole = (long)Math.Round(seconds);
        var (h, m, s) = (whole / 3600, whole % 3600 / 60, whole % 60);
        return h > 0 ? ReportText.Get("rpt.duration.hm", h, m)
            : m > 0 ? ReportText.Get("rpt.duration.ms", m, s)
            : ReportText.Get("rpt.duration.s", s);
    }

    /// <summary>Minutes (how outages are counted) as words.</summary>
    public static string FromMinutes(double? minutes) => minutes is { } m ? Format(m * 60) : "–";

    /// <summary>Hours (how uptime is counted) as words.</summary>
    public static string FromHours(double? hours) => hours is { } h ? Format(h * 3600) : "–";
}
