using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using TanKy.Protocol;
using TanKy.Hub.Shared;
using TanKy.Hub.Shared.Data;
using TanKy.Hub.Broker;

namespace TanKy.Hub.Devices;

/// <summary>
/// The registry of devices. Works on the database alone, so the CLI can change it whether or
/// not the hub runs; the running hub reads the same rows on every connect.
/// </summary>
public sealed class DeviceRegistry(Database db, TimeProvider time) : IDeviceAuthenticator
{
    // PBKDF2 runs once per (device, secret, stored hash); a reconnect storm then costs a SHA-256.
    private readonly ConcurrentDictionary<string, (string StoredHash, byte[] SecretDigest)> _verified = new();

    // Verified when the device id is unknown, with the same iterations as a real device secret, so
    // an unknown id is refused in the same time as a wrong secret (timing must not list the fleet).
    private static readonly string UnknownDeviceHash = SecretHasher.Hash(SecretHasher.NewSecret(), SecretHasher.DeviceSecretIterations);

    /// <summary>The PBKDF2 check of a secret against a stored hash; replaceable so a test can see which hash was worked on.</summary>
    internal Func<string, string?, bool> VerifySecret { get; init; } = SecretHasher.Verify;

    /// <summary>
    /// Raised after a commit that wrote a desired state through the registry (a speaker's zones).
    /// The running hub publishes it at once; in the CLI nobody listens and the hub's outbox poll
    /// finds the row (<see cref="DesiredStateService.PublishPendingAsync"/>).
    /// </summary>
    internal event EventHandler? DesiredWritten;

    /// <summary>Registers a device and returns its secret. The secret is shown once and only its hash is kept.</summary>
    public string Add(NewDevice device)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var secret = Insert(c, tx, device);
        tx.Commit();
        NotifyDesiredWritten();
        return secret;
    }

    /// <summary>Tells the running hub (if this is it) that desired rows wait to be published.</summary>
    internal void NotifyDesiredWritten() => DesiredWritten?.Invoke(this, EventArgs.Empty);

    internal string Insert(SqliteConnection c, SqliteTransaction tx, NewDevice device)
    {
        Validate(c, tx, device);
        if (c.ExecuteScalar<long>("SELECT COUNT(*) FROM devices WHERE id = @Id", device, tx) > 0)
        {
            throw new RegistryException("device.error.exists", device.Id);
        }

        var secret = SecretHasher.NewSecret();
        var now = Now();
        c.Execute(
            """
            INSERT INTO devices(id, kind, name, lat, lon, notes, secret_hash, secret_set_at, created_at)
            VALUES (@Id, @kind, @name, @Lat, @Lon, @Notes, @hash, @now, @now)
            """,
            new { device.Id, kind = device.Kind.ToWire(), name = DisplayName(device), device.Lat, device.Lon, device.Notes, hash = SecretHasher.Hash(secret, SecretHasher.DeviceSecretIterations), now },
            tx);
        SetZones(c, tx, device.Id, device.Zones);
        DesiredStateStore.FollowZones(c, tx, device.Id, device.Kind, device.Zones, "registry", now);
        LogChange(c, tx, device.Id, "added", device.Kind.ToWire());
        return secret;
    }

    /// <summary>Updates name, zones, place and notes of an existing device; the secret is kept.</summary>
    internal void Update(SqliteConnection c, SqliteTransaction tx, NewDevice device)
    {
        Validate(c, tx, device);
        var kind = c.ExecuteScalar<string?>("SELECT kind FROM devices WHERE id = @Id", device, tx)
            ?? throw new RegistryException("device.error.no-device", device.Id);
        if (kind != device.Kind.ToWire())
        {
            throw new RegistryException("device.error.kind-change", device.Id, "kind." + kind, "kind." + device.Kind.ToWire());
        }

        c.Execute(
            "UPDATE devices SET name = @name, lat = @Lat, lon = @Lon, notes = @Notes WHERE id = @Id",
            new { device.Id, name = DisplayName(device), device.Lat, device.Lon, device.Notes },
            tx);
        SetZones(c, tx, device.Id, device.Zones);
        DesiredStateStore.FollowZones(c, tx, device.Id, device.Kind, device.Zones, "registry", Now());
        LogChange(c, tx, device.Id, "updated", null);
    }

    /// <summary>
    /// Replaces a device's zones inside the caller's transaction (a desired <c>zones</c> change:
    /// the registry and the desired state are one truth). The caller writes the desired state.
    /// </summary>
    internal static void ReplaceZones(SqliteConnection c, SqliteTransaction tx, string id, IReadOnlyList<string> zones, long now)
    {
        if (zones.Count == 0)
        {
            throw new RegistryException("device.error.needs-zone", id);
        }

        foreach (var zone in zones)
        {
            if (c.ExecuteScalar<long>("SELECT COUNT(*) FROM zones WHERE id = @zone", new { zone }, tx) == 0)
            {
                throw new RegistryException("device.error.unknown-zone", zone);
            }
        }

        SetZones(c, tx, id, zones);
        c.Execute("INSERT INTO device_changes(device_id, ts, change, detail) VALUES (@id, @now, 'zones', @detail)", new { id, now, detail = string.Join(",", zones) }, tx);
    }

    /// <summary>The device's zones now (the broker re-reads them when a connected speaker subscribes to a zone it was moved to).</summary>
    public IReadOnlyList<string>? ZonesOf(string deviceId)
    {
        if (!Identifiers.IsValid(deviceId))
        {
            return null;
        }

        using var c = db.Open();
        return c.Query<string>("SELECT zone_id FROM device_zones WHERE device_id = @deviceId ORDER BY zone_id", new { deviceId }).ToList();
    }

    public DeviceRecord? Get(string id)
    {
        using var c = db.Open();
        return c.QuerySingleOrDefault<DeviceRow>(DeviceRow.Select + " WHERE d.id = @id", new { id })?.ToRecord();
    }

    public IReadOnlyList<DeviceRecord> List(string? zone = null, DeviceKind? kind = null)
    {
        using var c = db.Open();
        var sql = DeviceRow.Select + " WHERE (@zone IS NULL OR EXISTS (SELECT 1 FROM device_zones z WHERE z.device_id = d.id AND z.zone_id = @zone))"
            + " AND (@kind IS NULL OR d.kind = @kind) ORDER BY d.id";
        return c.Query<DeviceRow>(sql, new { zone, kind = kind?.ToWire() }).Select(r => r.ToRecord()).ToList();
    }

    public string RotateSecret(string id)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var secret = RotateSecret(c, tx, id);
        tx.Commit();
        return secret;
    }

    internal string RotateSecret(SqliteConnection c, SqliteTransaction tx, string id)
    {
        var secret = SecretHasher.NewSecret();
        var rows = c.Execute(
            "UPDATE devices SET secret_hash = @hash, secret_set_at = @now WHERE id = @id",
            new { id, hash = SecretHasher.Hash(secret, SecretHasher.DeviceSecretIterations), now = Now() },
            tx);
        if (rows == 0)
        {
            throw new RegistryException("device.error.no-device", id);
        }

        LogChange(c, tx, id, "secret-rotated", null);
        _verified.TryRemove(id, out _);
        return secret;
    }

    public void Remove(string id)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        if (c.Execute("DELETE FROM devices WHERE id = @id", new { id }, tx) == 0)
        {
            throw new RegistryException("device.error.no-device", id);
        }

        LogChange(c, tx, id, "removed", null);
        tx.Commit();
        _verified.TryRemove(id, out _);
    }

    public DeviceAccess? Authenticate(string deviceId, string secret)
    {
        if (!Identifiers.IsValid(deviceId) || string.IsNullOrEmpty(secret) || secret.Length > 256)
        {
            return null;
        }

        using var c = db.Open();
        var row = c.QuerySingleOrDefault<(string Kind, string Hash, string? Zones)>(
            "SELECT kind, secret_hash, (SELECT group_concat(zone_id, ',') FROM device_zones WHERE device_id = d.id) FROM devices d WHERE id = @deviceId",
            new { deviceId });
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        if (row.Hash is null)
        {
            VerifySecret(secret, UnknownDeviceHash);
            return null;
        }

        var cached = _verified.TryGetValue(deviceId, out var hit) && hit.StoredHash == row.Hash
            && CryptographicOperations.FixedTimeEquals(hit.SecretDigest, digest);
        if (!cached)
        {
            if (!VerifySecret(secret, row.Hash))
            {
                return null;
            }

            _verified[deviceId] = (row.Hash, digest);
        }

        var zones = string.IsNullOrEmpty(row.Zones) ? [] : row.Zones.Split(',');
        return new DeviceAccess(deviceId, DeviceKinds.Parse(row.Kind), zones) { CredentialStamp = row.Hash };
    }

    public IReadOnlyDictionary<string, string> CredentialStamps()
    {
        using var c = db.Open();
        return c.Query<(string Id, string Hash)>("SELECT id, secret_hash FROM devices").ToDictionary(r => r.Id, r => r.Hash, StringComparer.Ordinal);
    }

    private static void Validate(SqliteConnection c, SqliteTransaction tx, NewDevice device)
    {
        if (!Identifiers.IsValid(device.Id))
        {
            throw new RegistryException("device.error.bad-id", device.Id);
        }

        if (Broker.BrokerIdentities.IsReserved(device.Id))
        {
            throw new RegistryException("device.error.reserved-id", device.Id);
        }

        if (device.Zones.Count == 0)
        {
            throw new RegistryException("device.error.needs-zone", device.Id);
        }

        foreach (var zone in device.Zones)
        {
            if (c.ExecuteScalar<long>("SELECT COUNT(*) FROM zones WHERE id = @zone", new { zone }, tx) == 0)
            {
                throw new RegistryException("device.error.unknown-zone-for", zone, device.Id);
            }
        }

        if (device.Lat is < -90 or > 90 || device.Lon is < -180 or > 180)
        {
            throw new RegistryException("device.error.position", device.Id);
        }

        if (device.Name is { Length: > 100 } || device.Notes is { Length: > 1000 })
        {
            throw new RegistryException("device.error.text-length", device.Id);
        }
    }

    private static void SetZones(SqliteConnection c, SqliteTransaction tx, string id, IReadOnlyList<string> zones)
    {
        c.Execute("DELETE FROM device_zones WHERE device_id = @id", new { id }, tx);
        foreach (var zone in zones.Distinct(StringComparer.Ordinal))
        {
            c.Execute("INSERT INTO device_zones(device_id, zone_id) VALUES (@id, @zone)", new { id, zone }, tx);
        }
    }

    private void LogChange(SqliteConnection c, SqliteTransaction tx, string id, string change, string? detail) =>
        c.Execute("INSERT INTO device_changes(device_id, ts, change, detail) VALUES (@id, @ts, @change, @detail)", new { id, ts = Now(), change, detail }, tx);

    private static string DisplayName(NewDevice d) => string.IsNullOrWhiteSpace(d.Name) ? d.Id : d.Name.Trim();

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();
}
