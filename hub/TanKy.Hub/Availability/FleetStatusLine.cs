using System.Text;
using TanKy.Hub.Devices;

namespace TanKy.Hub.Availability;

/// <summary>Builds the one-line fleet status: online/total overall, by kind and by hamlet.</summary>
internal static class FleetStatusLine
{
    public static string Build(IEnumerable<LiveDevice> devices)
    {
        var list = devices.ToList();
        var sb = new StringBuilder();
        sb.Append($"devices {Online(list)}/{list.Count} online");
        sb.Append(" | by kind: ");
        sb.Append(string.Join(", ", list.GroupBy(d => d.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {Online(g)}/{g.Count()}")));
        sb.Append(" | by hamlet: ");
        var byZone = list.SelectMany(d => d.Zones.Select(z => (Zone: z, Device: d))).GroupBy(x => x.Zone).OrderBy(g => g.Key, StringComparer.Ordinal);
        sb.Append(string.Join(", ", byZone.Select(g => $"{g.Key} {g.Count(x => x.Device.Status == DeviceStatus.Online)}/{g.Count()}")));
        return sb.ToString();
    }

    private static int Online(IEnumerable<LiveDevice> devices) => devices.Count(d => d.Status == DeviceStatus.Online);
}
