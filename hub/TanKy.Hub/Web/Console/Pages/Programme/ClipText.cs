using System.Globalization;
using TanKy.Hub.Media;
using TanKy.Hub.Shared;
using TanKy.Hub.Web.Console.Text;

namespace TanKy.Hub.Web.Console.Pages.Programme;

/// <summary>How a clip is named to an officer: "Bản tin sáng · 6 phút 14 giây · 07/12/2026".</summary>
internal static class ClipText
{
    public static string Label(MediaItem m, Translate t) =>
        $"{m.Title} · {Duration(m.DurationMs, t)} · {CommuneTime.ToLocal(m.UploadedAt).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}";

    /// <summary>"6 phút 14 giây", "45 giây", "1 giờ 2 phút" (whole seconds, rounded).</summary>
    public static string Duration(long ms, Translate t)
    {
        var total = (long)Math.Round(ms / 1000.0, MidpointRounding.AwayFromZero);
        var (h, m, s) = (total / 3600, total / 60 % 60, total % 60);
        var parts = new List<string>();
        if (h > 0)
        {
            parts.Add(Format(t("sched.dur.hours"), h));
        }

        if (m > 0)
        {
            parts.Add(Format(t("sched.dur.minutes"), m));
        }

        if (s > 0 || parts.Count == 0)
        {
            parts.Add(Format(t("sched.dur.seconds"), s));
        }

        return string.Join(" ", parts);
    }

    private static string Format(string template, long n) => string.Format(CultureInfo.InvariantCulture, template, n);
}
