using System.Text.Json.Nodes;
using Dapper;
using TanKy.Hub.Broker;
using TanKy.Protocol;
using TanKy.Protocol.Messages;
using Microsoft.Extensions.Options;
using TanKy.Hub.Shared;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Devices;

/// <summary>
/// Desired state: stored with a growing version, then published retained, so a device that is
/// offline now receives it the moment it reconnects.
/// </summary>
public sealed class DesiredStateService(Database db, IHubMqtt mqtt, IOptions<HubOptions> options, TimeProvider time)
{
    private readonly Topics _topics = new(options.Value.Site);

    /// <summary>Merges <paramref name="changes"/> into the device's desired state (a null value removes a key) and publishes it.</summary>
    public async Task<DesiredStateMessage> SetAsync(string deviceId, JsonObject changes, string? by, CancellationToken cancellationToken = default)
    {
        DesiredStateMessage message;
        using (var c = db.Open())
        using (var tx = c.BeginTransaction())
        {
            if (c.ExecuteScalar<long>("SELECT COUNT(*) FROM devices WHERE id = @deviceId", new { deviceId }, tx) == 0)
            {
                throw new RegistryException($"no device '{deviceId}'");
            }

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

            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            message = new DesiredStateMessage { V = ProtocolConstants.Version, Version = row.Version + 1, Ts = now, State = state };
            var payload = ProtocolJson.Serialize(message);
            if (payload.Length > ProtocolConstants.MaxJsonPayloadBytes)
            {
                throw new RegistryException($"desired state of '{deviceId}' would be {payload.Length} bytes; the limit is {ProtocolConstants.MaxJsonPayloadBytes}");
            }

            c.Execute(
                """
                INSERT INTO desired_state(device_id, version, state, updated_at, updated_by) VALUES (@deviceId, @Version, @state, @now, @by)
                ON CONFLICT(device_id) DO UPDATE SET version = excluded.version, state = excluded.state, updated_at = excluded.updated_at, updated_by = excluded.updated_by
                """,
                new { deviceId, message.Version, state = state.ToJsonString(), now, by },
                tx);
            tx.Commit();
        }

        // Stored first: the change is acknowledged once committed. If the broker is unreachable
        // now, the next (re)connection republishes it from the table (DesiredStateRepublisher).
        if (!mqtt.IsConnected)
        {
            return message;
        }

        try
        {
            await mqtt.PublishAsync(_topics.Desired(deviceId), ProtocolJson.Serialize(message), retain: true, qos: 1, cancellationToken);
        }
        catch (Exception ex) when ((ex is InvalidOperationException or MQTTnet.Exceptions.MqttCommunicationException) && !mqtt.IsConnected)
        {
            // The link dropped during the publish: same as above, the reconnection republishes it.
        }

        return message;
    }

    public (long Version, JsonObject State)? GetDesired(string deviceId) => Read("desired_state", deviceId);

    public (long Version, JsonObject State)? GetReported(string deviceId) => Read("reported_state", deviceId);

    /// <summary>Republishes every stored desired state (after a start or a broker change) so the broker holds them retained.</summary>
    public async Task<int> RepublishAllAsync(CancellationToken cancellationToken)
    {
        List<(string DeviceId, long Version, string State, long UpdatedAt)> rows;
        using (var c = db.Open())
        {
            rows = c.Query<(string, long, string, long)>("SELECT device_id, version, state, updated_at FROM desired_state").ToList();
        }

        foreach (var r in rows)
        {
            var message = new DesiredStateMessage { V = ProtocolConstants.Version, Version = r.Version, Ts = r.UpdatedAt, State = JsonNode.Parse(r.State)!.AsObject() };
            await mqtt.PublishAsync(_topics.Desired(r.DeviceId), ProtocolJson.Serialize(message), retain: true, qos: 1, cancellationToken);
        }

        return rows.Count;
    }

    private (long Version, JsonObject State)? Read(string table, string deviceId)
    {
        using var c = db.Open();
        var row = c.QuerySingleOrDefault<(long Version, string State)>($"SELECT version, state FROM {table} WHERE device_id = @deviceId", new { deviceId });
        return row.State is null ? null : (row.Version, JsonNode.Parse(row.State)!.AsObject());
    }
}
