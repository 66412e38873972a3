using Dapper;
using TanKy.Hub.Devices;
using TanKy.Protocol;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Availability.Maintenance;

/// <summary>The <c>maintenance_windows</c> table. Works on the database alone, so the CLI can plan work while the hub runs.</summary>
public sealed class MaintenanceStore(Database db, TimeProvider time)
{
    public MaintenanceWindow Add(MaintenanceScope scope, string target, DateTimeOffset from, DateTimeOffset to, string reason)
    {
        Validate(scope, target, from, to, reason);
        using var c = db.Open();
        var id = c.ExecuteScalar<long>(
            """
            INSERT INTO maintenance_windows(scope, target, starts_at, ends_at, reason, created_at)
            VALUES (@scope, @target, @from, @to, @reason, @now) RETURNING id
            """,
            new { scope = scope.ToWire(), target, from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds(), reason = reason.Trim(), now = time.GetUtcNow().ToUnixTimeMilliseconds() });
        return new MaintenanceWindow(id, scope, target, from, to, reason.Trim());
    }

    /// <summary>Windows overlapping [from, to), oldest first; all of them without bounds.</summary>
    public IReadOnlyList<MaintenanceWindow> List(DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        using var c = db.Open();
        return c.Query<(long Id, string Scope, string Target, long Start, long End, string Reason)>(
                "SELECT id, scope, target, starts_at, ends_at, reason FROM maintenance_windows WHERE ends_at > @from AND starts_at < @to ORDER BY starts_at, id",
                new { from = from?.ToUnixTimeMilliseconds() ?? long.MinValue, to = to?.ToUnixTimeMilliseconds() ?? long.MaxValue })
            .Select(r => new MaintenanceWindow(r.Id, ParseScope(r.Scope), r.Target, DateTimeOffset.FromUnixTimeMilliseconds(r.Start), DateTimeOffset.FromUnixTimeMilliseconds(r.End), r.Reason))
            .ToList();
    }

    /// <summary>Is <paramref name="deviceId"/> inside a window right now? Used to hold back alerts during planned work.</summary>
    public static bool IsCovered(IEnumerable<MaintenanceWindow> windows, Model.DeviceFacts device, DateTimeOffset at) =>
        windows.Any(w => w.From <= at && at < w.To && w.Covers(device));

    public static MaintenanceScope ParseScope(string wire) => Enum.Parse<MaintenanceScope>(wire, ignoreCase: true);

    private void Validate(MaintenanceScope scope, string target, DateTimeOffset from, DateTimeOffset to, string reason)
    {
        if (to <= from)
        {
            throw new RegistryException("maintenance window must end after it starts");
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500)
        {
            throw new RegistryException("maintenance reason must be 1–500 characters");
        }

        var known = scope switch
        {
            MaintenanceScope.Device => new DeviceRegistry(db, time).Get(target) is not null,
            MaintenanceScope.Zone => new ZoneRegistry(db, time).Exists(target),
            MaintenanceScope.Kind => DeviceKinds.TryParse(target, out _),
            _ => false,
        };
        if (!known)
        {
            throw new RegistryException($"unknown {scope.ToWire()} '{target}'");
        }
    }
}
