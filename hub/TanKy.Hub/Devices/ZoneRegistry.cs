using TanKy.Hub.Shared.Text;
using Dapper;
using TanKy.Protocol;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Devices;

/// <summary>The hamlets (khối/xóm) of the commune. A zone is also the unit of broadcasting.</summary>
public sealed class ZoneRegistry(Database db, TimeProvider time)
{
    public void Add(string id, string name)
    {
        if (!Identifiers.IsValid(id))
        {
            throw new RegistryException("zone.error.bad-id", id);
        }

        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
        {
            throw new RegistryException(new TextMessage("zone.error.name"));
        }

        using var c = db.Open();
        var rows = c.Execute(
            "INSERT INTO zones(id, name, created_at) VALUES (@id, @name, @now) ON CONFLICT(id) DO UPDATE SET name = excluded.name",
            new { id, name = name.Trim(), now = time.GetUtcNow().ToUnixTimeMilliseconds() });
        _ = rows;
    }

    public IReadOnlyList<Zone> List()
    {
        using var c = db.Open();
        return c.Query<(string Id, string Name, long Devices)>(
                "SELECT z.id, z.name, (SELECT COUNT(*) FROM device_zones dz WHERE dz.zone_id = z.id) FROM zones z ORDER BY z.id")
            .Select(r => new Zone(r.Id, r.Name, (int)r.Devices))
            .ToList();
    }

    public bool Exists(string id)
    {
        using var c = db.Open();
        return c.ExecuteScalar<long>("SELECT COUNT(*) FROM zones WHERE id = @id", new { id }) > 0;
    }
}
