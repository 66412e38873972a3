using System.Text.Json;
using System.Text.Json.Serialization;
using TanKy.Protocol;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Devices;

/// <summary>
/// <c>devices export-fleet</c>: writes the simulator's fleet file. Secrets are only stored
/// hashed, so exporting issues fresh secrets for the exported devices (a simulated fleet takes
/// the place of real devices; never export devices that are deployed in the field).
/// </summary>
public sealed class FleetExporter(Database db, DeviceRegistry registry)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public int Export(string outFile, string site, string host, int port, bool tls, string? zone = null, DeviceKind? kind = null)
    {
        var devices = registry.List(zone, kind);
        var entries = new List<object>();
        using (var c = db.Open())
        using (var tx = c.BeginTransaction())
        {
            foreach (var d in devices)
            {
                var secret = registry.RotateSecret(c, tx, d.Id);
                // Factory data only (issue #15): zones reach the device as its desired state, never from this file.
                entries.Add(new { d.Id, kind = d.Kind.ToWire(), secret, d.Name, d.Lat, d.Lon });
            }

            // Write the file before committing: if writing fails, the old secrets stay valid.
            var dir = Path.GetDirectoryName(Path.GetFullPath(outFile))!;
            Directory.CreateDirectory(dir);
            var tmp = outFile + ".tmp";
            File.WriteAllText(tmp, JsonSerializer.Serialize(new { v = 1, site, broker = new { host, port, tls }, devices = entries }, Json));
            File.SetUnixFileMode(tmp, UnixFileMode.UserRead | UnixFileMode.UserWrite);

            File.Move(tmp, outFile, overwrite: true);
            tx.Commit();
        }

        return entries.Count;
    }
}
