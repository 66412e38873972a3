using TanKy.Hub.Reports.Text;

namespace TanKy.Hub.Reports;

/// <summary>Vietnamese names of device kinds for the report (<c>rpt.kind.*</c>); an unknown kind shows as sent.</summary>
internal static class DeviceLabels
{
    public static string Kind(string wire) => wire is "speaker" or "wifi-ap" or "camera" or "led-board" or "gateway"
        ? ReportText.Get("rpt.kind." + wire)
        : wire;

    /// <summary>The row's level (commune, kind, hamlet, device) in words, for the Vietnamese CSV.</summary>
    public static string Level(string level) => ReportText.Get("rpt.level." + level);
}
