using Dapper;
using TanKy.Hub.Shared;
using TanKy.Hub.Shared.Data;
using TanKy.Protocol;

namespace TanKy.Hub.Accounts;

/// <summary>Users and their zones. Passwords (for the web console) are PBKDF2-hashed; none is required for API-only users.</summary>
public sealed class UserStore(Database db, TimeProvider time)
{
    public User Add(string name, Role role, IReadOnlyList<string> zones, string? password = null)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 64 || name.Any(char.IsControl))
        {
            throw new AccountException("account.error.name");
        }

        if (role.IsZoneScoped() && zones.Count == 0)
        {
            throw new AccountException("account.error.head-needs-zone");
        }

        if (!role.IsZoneScoped() && zones.Count > 0)
        {
            throw new AccountException("account.error.zones-only-heads", "role." + role.ToWire());
        }

        if (password is { Length: < 10 })
        {
            throw new AccountException("password.rule");
        }

        using var c = db.Open();
        using var tx = c.BeginTransaction();
        if (c.ExecuteScalar<long>("SELECT COUNT(*) FROM users WHERE name = @name", new { name }, tx) > 0)
        {
            throw new AccountException("account.error.exists", name);
        }

        foreach (var zone in zones)
        {
            if (c.ExecuteScalar<long>("SELECT COUNT(*) FROM zones WHERE id = @zone", new { zone }, tx) == 0)
            {
                throw new AccountException("account.error.unknown-zone", zone);
            }
        }

        var now = time.GetUtcNow();
        var id = c.ExecuteScalar<long>(
            "INSERT INTO users(name, role, password_hash, created_at) VALUES (@name, @role, @hash, @now) RETURNING id",
            new { name, role = role.ToWire(), hash = password is null ? null : SecretHasher.Hash(password, SecretHasher.PasswordIterations), now = now.ToUnixTimeMilliseconds() },
            tx);
        foreach (var zone in zones.Distinct(StringComparer.Ordinal))
        {
            c.Execute("INSERT INTO user_zones(user_id, zone_id) VALUES (@id, @zone)", new { id, zone }, tx);
        }

        tx.Commit();
        return new User(id, name, role, zones, now, false);
    }

    public User? Find(string name) => Query("WHERE u.name = @name", new { name }).FirstOrDefault();

    public User? Find(long id) => Query("WHERE u.id = @id", new { id }).FirstOrDefault();

    public IReadOnlyList<User> List() => Query("ORDER BY u.name", null);

    public void SetDisabled(string name, bool disabled)
    {
        using var c = db.Open();
        if (c.Execute("UPDATE users SET disabled = @disabled WHERE name = @name", new { name, disabled = disabled ? 1 : 0 }) == 0)
        {
            throw new AccountException("account.error.no-user", name);
        }
    }

    private List<User> Query(string where, object? args)
    {
        using var c = db.Open();
        return c.Query<(long Id, string Name, string Role, long CreatedAt, long Disabled, string? Zones)>(
                $"SELECT u.id, u.name, u.role, u.created_at, u.disabled, (SELECT group_concat(zone_id, ',') FROM user_zones WHERE user_id = u.id) FROM users u {where}",
                args)
            .Select(r => new User(
                r.Id,
                r.Name,
                Roles.TryParse(r.Role, out var role) ? role.Value : Role.Viewer,
                string.IsNullOrEmpty(r.Zones) ? [] : r.Zones.Split(','),
                DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAt),
                r.Disabled != 0))
            .ToList();
    }
}
