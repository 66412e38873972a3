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
/// offline now receives it the moment it reconnects. The table is an outbox: a row whose
/// <c>version</c> is above its <c>published_version</c> is still to be published, whoever wrote
/// it (this hub, the registry, or the CLI in another process).
/// </summary>
public sealed class DesiredStateService(Database db, IHubMqtt mqtt, IOptions<HubOptions> options, TimeProvider time)
{
    private readonly Topics _topics = new(options.Value.Site);

    // One publisher at a time, each reading the rows afresh: an older version can never be
    // published after a newer one, so the broker always retains the newest.
    private readonly SemaphoreSlim _publishing = new(1, 1);

    /// <summary>
    /// Merges <paramref name="changes"/> into the device's desired state (a null value removes a key) and publishes it.
    /// A speaker's <c>zones</c> are also its registry zones: both change in one transaction.
    /// </summary>
    public async Task<DesiredStateMessage> SetAsync(string deviceId, JsonObject changes, string? by, CancellationToken cancellationToken = default)
    {
        DesiredStateMessage message;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        using (var c = db.Open())
        using (var tx = c.BeginTransaction())
        {
            var kind = c.ExecuteScalar<string?>("SELECT kind FROM devices WHERE id = @deviceId", new { deviceId }, tx)
                ?? throw new RegistryException("device.error.no-device", deviceId);
            if (changes.ContainsKey(DesiredStateStore.ZonesKey) && kind == DeviceKind.Speaker.ToWire())
            {
                if (changes[DesiredStateStore.ZonesKey] is not JsonArray zones)
                {
                    throw new RegistryException("device.error.needs-zone", deviceId);
                }

                DeviceRegistry.ReplaceZones(c, tx, deviceId, zones.Select(z => z!.GetValue<string>()).ToList(), now);
            }

            message = DesiredStateStore.Merge(c, tx, deviceId, changes, by, now);
            tx.Commit();
        }

        // Stored first: the change is acknowledged once committed. If the broker is unreachable
        // now, the next (re)connection publishes it from the table (DesiredStateRepublisher).
        await PublishPendingAsync(deviceId, cancellationToken);
        return message;
    }

    public (long Version, JsonObject State)? GetDesired(string deviceId) => Read("desired_state", deviceId);

    public (long Version, JsonObject State)? GetReported(string deviceId) => Read("reported_state", deviceId);

    /// <summary>
    /// Publishes every desired row not yet published (<c>version &gt; published_version</c>), or
    /// only <paramref name="deviceId"/>'s. Does nothing while the link is down: the next
    /// connection publishes them. Returns how many were published.
    /// </summary>
    public Task<int> PublishPendingAsync(string? deviceId = null, CancellationToken cancellationToken = default) =>
        PublishAsync(all: false, deviceId, cancellationToken);

    /// <summary>Republishes every stored desired state (after a start or a broker change) so the broker holds them retained.</summary>
    public Task<int> RepublishAllAsync(CancellationToken cancellationToken) => PublishAsync(all: true, null, cancellationToken);

    private async Task<int> PublishAsync(bool all, string? deviceId, CancellationToken cancellationToken)
    {
        if (!mqtt.IsConnected)
        {
            return 0;
        }

        await _publishing.WaitAsync(cancellationToken);
        try
        {
            List<(string DeviceId, long Version, string State, long UpdatedAt)> rows;
            using (var c = db.Open())
            {
                rows = c.Query<(string, long, string, long)>(
                    "SELECT device_id, version, state, updated_at FROM desired_state"
                    + (all ? "" : " WHERE version > published_version")
                    + (deviceId is null ? "" : (all ? " WHERE" : " AND") + " device_id = @deviceId"),
                    new { deviceId }).ToList();
            }

            var published = 0;
            foreach (var r in rows)
            {
                var message = new DesiredStateMessage { V = ProtocolConstants.Version, Version = r.Version, Ts = r.UpdatedAt, State = JsonNode.Parse(r.State)!.AsObject() };
                try
                {
                    await mqtt.PublishAsync(_topics.Desired(r.DeviceId), ProtocolJson.Serialize(message), retain: true, qos: 1, cancellationToken);
                }
                catch (Exception ex) when ((ex is InvalidOperationException or MQTTnet.Exceptions.MqttCommunicationException) && !mqtt.IsConnected)
                {
                    // The link dropped during the publish: the rows stay pending and the reconnection publishes them.
                    break;
                }

                using (var c = db.Open())
                {
                    c.Execute(
                        "UPDATE desired_state SET published_version = @Version WHERE device_id = @DeviceId AND published_version < @Version",
                        new { r.DeviceId, r.Version });
                }

                published++;
            }

            return published;
        }
        finally
        {
            _publishing.Release();
        }
    }

    private (long Version, JsonObject State)? Read(string table, string deviceId)
    {
        using var c = db.Open();
        var row = c.QuerySingleOrDefault<(long Version, string State)>($"SELECT version, state FROM {table} WHERE device_id = @deviceId", new { deviceId });
        return row.State is null ? null : (row.Version, JsonNode.Parse(row.State)!.AsObject());
    }
}
