using TanKy.Hub.Availability;
using TanKy.Hub.Devices;
using TanKy.Protocol;

namespace TanKy.Hub.Broadcasts.Delivery;

/// <summary>The speakers of a set of zones when a stream starts, each with whether it was online then.</summary>
internal sealed class DeliveryTargets(DeviceRegistry devices, LiveStatusTable live)
{
    public IReadOnlyList<DeliveryTarget> For(IReadOnlyList<string> zones)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var targets = new List<DeliveryTarget>();
        foreach (var zone in zones)
        {
            foreach (var speaker in devices.List(zone, DeviceKind.Speaker))
            {
                if (seen.Add(speaker.Id))
                {
                    var online = live.Find(speaker.Id)?.Status == DeviceStatus.Online;
                    targets.Add(new DeliveryTarget(speaker.Id, zone, online));
                }
            }
        }

        return targets;
    }
}
