using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using TanKy.Hub.Devices;
using TanKy.Protocol;
using TanKy.Hub.Shared;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Tests.Support;

/// <summary>
/// The bundled sample commune (<c>commune/tan-ky.yaml</c>: 12 hamlets, 51 devices), optionally
/// ×N for storm tests (copies get ids suffixed <c>-x2</c>…), shared by tests and benchmarks.
/// </summary>
public static class SampleCommune
{
    /// <summary>Imports the sample commune <paramref name="copies"/> times; returns the device count.</summary>
    public static int Import(Database db, int copies)
    {
        var registry = new DeviceRegistry(db, TimeProvider.System);
        var importer = new DeviceImporter(db, registry, new ZoneRegistry(db, TimeProvider.System));
        importer.ImportFile(Path.Combine(AppContext.BaseDirectory, "commune", "tan-ky.yaml"));
        var copy = new CommuneFile();
        foreach (var d in registry.List())
        {
            copy.Devices.AddRange(Enumerable.Range(2, Math.Max(0, copies - 1)).Select(k => new CommuneFile.DeviceEntry
            {
                Id = string.Create(CultureInfo.InvariantCulture, $"{d.Id}-x{k}"),
                Kind = d.Kind.ToWire(),
                Name = $"{d.Name} ({k})",
                Zones = [.. d.Zones],
            }));
        }

        if (copy.Devices.Count > 0)
        {
            importer.Import(copy, "sample ×" + copies.ToString(CultureInfo.InvariantCulture));
        }

        return registry.List().Count;
    }

    /// <summary>
    /// Stores a new desired state for every device while no broker is reachable (as the hub does
    /// for a change made while the broker is down): one field per kind, from <paramref name="round"/>.
    /// Returns device id → the version stored, which devices must reach once a hub is up again.
    /// </summary>
    public static Dictionary<string, long> StoreDesiredWhileDown(Database db, int round)
    {
        var desired = new DesiredStateService(db, new OfflineMqtt(), Options.Create(new HubOptions { Site = "tan-ky", DataDir = db.DataDir }), TimeProvider.System);
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var d in new DeviceRegistry(db, TimeProvider.System).List())
        {
            var change = d.Kind switch
            {
                DeviceKind.Speaker => new JsonObject { ["volume"] = (round * 7) % 101 },
                DeviceKind.WifiAp => new JsonObject { ["max_clients"] = 1 + (round % 200) },
                DeviceKind.LedBoard => new JsonObject { ["brightness"] = (round * 11) % 101 },
                _ => new JsonObject { ["power"] = round % 2 == 0 },
            };
            versions[d.Id] = desired.SetAsync(d.Id, change, "storm").GetAwaiter().GetResult().Version;
        }

        return versions;
    }
}
