using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;
using TanKy.Hub.Shared.Data;
using TanKy.Protocol;
using TanKy.Protocol.Messages;

namespace TanKy.Hub.Devices;

/// <summary>
/// Writes desired state inside the caller's transaction (the outbox half of issue #15): the
/// registry, the importer and <see cref="DesiredStateService"/> all store through here, so a zone
/// change and the desired <c>zones</c> it implies commit together or not at all. Publishing is
/// the running hub's job (<see cref="DesiredStateService.PublishPendingAsync"/>).
/// </summary>
internal static class DesiredStateStore
{
    /// <summary>The desired key a speaker follows for its play orders (protocol.md §2.3, §4.4).</summary>
    public const string ZonesKey = "zones";

    /// <summary>Merges <paramref name="changes"/> (a null value removes a key) into the stored state with the next version.</summary>
    public static DesiredStateMessage Merge(SqliteConnection c, SqliteTransaction tx, string deviceId, JsonObject changes, string? by, long now)
    {
        var row = c.QuerySingleOrDefault<(long Version, string State)>("SELECT version, state FROM desired_state WHERE device_id = @deviceId", new { deviceId }, tx);
        var state = row.State is null ? new JsonObject() : JsonNode.Parse(row.State)!.AsObject();
        foreach (var (key, value) in changes)
        {
            if (value is null)
            {
                state.Remove(key);
            }
            else
            {
                state[key] = value.DeepClone();
            }
        }

        var message = new DesiredStateMessage { V = ProtocolConstants.Version, Version = row.Version + 1, Ts = now, State = state };
        var payload = ProtocolJson.Serialize(message);
        if (payload.Length > ProtocolConstants.MaxJsonPayloadBytes)
        {
            throw new RegistryException("device.error.desired-too-large", deviceId, payload.Length, ProtocolConstants.MaxJsonPayloadBytes);
        }

        c.Execute(
            """
            INSERT INTO desired_state(device_id, version, state, updated_at, updated_by) VALUES (@deviceId, @Version, @state, @now, @by)
            ON CONFLICT(device_id) DO UPDATE SET version = excluded.version, state = excluded.state, updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """,
            new { deviceId, message.Version, state = state.ToJsonString(), now, by },
            tx);
        return message;
    }

    /// <summary>
    /// Makes a speaker's desired <c>zones</c> equal <paramref name="zones"/> (a new version only
    /// when they differ). Other kinds carry no desired zones: their zones stay registry-only.
    /// </summary>
    /// <returns>True when a new desired version was written.</returns>
    public static bool FollowZones(SqliteConnection c, SqliteTransaction tx, string deviceId, DeviceKind kind, IReadOnlyList<string> zones, string? by, long now)
    {
        if (kind != DeviceKind.Speaker)
        {
            return false;
        }

        var wanted = zones.Distinct(StringComparer.Ordinal).ToList();
        var current = CurrentZones(c, tx, deviceId);
        if (current is not null && current.ToHashSet(StringComparer.Ordinal).SetEquals(wanted))
        {
            return false;
        }

        Merge(c, tx, deviceId, new JsonObject { [ZonesKey] = ZonesArray(wanted) }, by, now);
        return true;
    }

    /// <summary>
    /// Upgrade step for databases from before issue #15: every speaker that has registry zones but
    /// no desired <c>zones</c> gets them (next version), so it hears its zones over the protocol.
    /// Idempotent; returns how many speakers got them.
    /// </summary>
    public static int BackfillSpeakerZones(Database db, long now)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var speakers = c.Query<(string Id, string? State)>(
            "SELECT d.id, s.state FROM devices d LEFT JOIN desired_state s ON s.device_id = d.id"
            + " WHERE d.kind = @kind AND EXISTS (SELECT 1 FROM device_zones z WHERE z.device_id = d.id)",
            new { kind = DeviceKind.Speaker.ToWire() },
            tx).ToList();
        var done = 0;
        foreach (var (id, state) in speakers)
        {
            if (state is not null && JsonNode.Parse(state) is JsonObject o && o.ContainsKey(ZonesKey))
            {
                continue;
            }

            var zones = c.Query<string>("SELECT zone_id FROM device_zones WHERE device_id = @id ORDER BY zone_id", new { id }, tx).ToList();
            Merge(c, tx, id, new JsonObject { [ZonesKey] = ZonesArray(zones) }, "upgrade", now);
            done++;
        }

        tx.Commit();
        return done;
    }

    public static JsonArray ZonesArray(IEnumerable<string> zones) => new(zones.Select(z => (JsonNode?)JsonValue.Create(z)).ToArray());

    private static List<string>? CurrentZones(SqliteConnection c, SqliteTransaction tx, string deviceId)
    {
        var state = c.QuerySingleOrDefault<string?>("SELECT state FROM desired_state WHERE device_id = @deviceId", new { deviceId }, tx);
        if (state is null || JsonNode.Parse(state)?[ZonesKey] is not JsonArray array)
        {
            return null;
        }

        return array.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : "").ToList();
    }
}
