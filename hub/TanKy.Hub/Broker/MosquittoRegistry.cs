using System.Text;
using Dapper;
using TanKy.Protocol;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Broker;

/// <summary>
/// The registry as Mosquitto sees it: devices whose id and hash fit a password_file line, and
/// that file's text. Shared by the one-off export and the running hub's sync.
/// </summary>
internal static class MosquittoRegistry
{
    public static (List<MosquittoDevice> Devices, List<string> Skipped) ReadDevices(Database db)
    {
        using var connection = db.Open();
        var zones = connection.Query<(string DeviceId, string ZoneId)>("SELECT device_id, zone_id FROM device_zones ORDER BY device_id, zone_id")
            .GroupBy(z => z.DeviceId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(z => z.ZoneId).Where(z => Identifiers.IsValid(z)).ToList(), StringComparer.Ordinal);
        var devices = new List<MosquittoDevice>();
        var skipped = new List<string>();
        foreach (var (id, hash) in connection.Query<(string Id, string SecretHash)>("SELECT id, secret_hash FROM devices ORDER BY id"))
        {
            // Anything that could break the passwd/acl syntax or impersonate the hub stays out.
            var usable = Identifiers.IsValid(id) && !BrokerIdentities.IsReserved(id)
                && hash.StartsWith("$7$", StringComparison.Ordinal) && !hash.Any(char.IsWhiteSpace) && !hash.Contains(':', StringComparison.Ordinal);
            if (usable)
            {
                devices.Add(new MosquittoDevice(id, hash, zones.GetValueOrDefault(id) ?? []));
            }
            else
            {
                skipped.Add(id);
            }
        }

        return (devices, skipped);
    }

    /// <summary>
    /// What the password_file and acl_file are made of, in one cheap query: the last registry
    /// change (add, update, rotate-secret, remove and imports each log one) and the row counts
    /// (a zone removed cascades device_zones away without a change row).
    /// </summary>
    public static string Fingerprint(Database db)
    {
        using var connection = db.Open();
        var (lastChange, devices, zones, lastSecret) = connection.QuerySingle<(long, long, long, long)>(
            """
            SELECT (SELECT COALESCE(MAX(id), 0) FROM device_changes), (SELECT COUNT(*) FROM devices),
                   (SELECT COUNT(*) FROM device_zones), (SELECT COALESCE(MAX(secret_set_at), 0) FROM devices)
            """);
        return FormattableString.Invariant($"{lastChange}/{devices}/{zones}/{lastSecret}");
    }

    /// <summary>The password_file text: the hub's line, the tools account's, then one line per device.</summary>
    public static string Passwd(string hubLine, string? toolsHash, IEnumerable<MosquittoDevice> devices)
    {
        var passwd = new StringBuilder().AppendLine(hubLine);
        if (toolsHash is not null)
        {
            passwd.Append(BrokerIdentities.ToolsUserName).Append(':').AppendLine(toolsHash);
        }

        foreach (var device in devices)
        {
            passwd.Append(device.Id).Append(':').AppendLine(device.SecretHash);
        }

        return passwd.ToString();
    }

    public static IReadOnlyList<(string Id, IReadOnlyList<string> Zones)> AclDevices(IEnumerable<MosquittoDevice> devices) =>
        devices.Select(d => (d.Id, (IReadOnlyList<string>)d.Zones)).ToList();
}

/// <summary>A device as written to Mosquitto's files.</summary>
internal sealed record MosquittoDevice(string Id, string SecretHash, List<string> Zones);
