using System.Text.Json;
using Dapper;
using TanKy.Hub.Broker;
using TanKy.Protocol;
using TanKy.Protocol.Messages;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Devices;

/// <summary>
/// Stores what each device reports it applied, with the keys it could not apply, beside the
/// desired state so drift can be seen. State and errors are one transaction: the state view
/// never shows a new reported version with the previous version's errors.
/// </summary>
public sealed class ReportedStateRecorder(Database db) : IDeviceMessageHandler
{
    /// <summary>Raised after a reported state is stored: (device id, version).</summary>
    public event EventHandler<(string DeviceId, long Version)>? Recorded;

    public bool Handles(TopicKind kind) => kind == TopicKind.Reported;

    public ValueTask HandleAsync(DeviceMessage message, CancellationToken cancellationToken)
    {
        if (message.Message is not ReportedStateMessage reported)
        {
            return ValueTask.CompletedTask;
        }

        var row = new { id = message.DeviceId, reported.Version, state = reported.State.ToJsonString(), ts = message.ReceivedAt.ToUnixTimeMilliseconds() };
        using (var c = db.Open())
        using (var tx = c.BeginTransaction())
        {
            c.Execute(
                """
                INSERT INTO reported_state(device_id, version, state, updated_at)
                SELECT @id, @Version, @state, @ts WHERE EXISTS (SELECT 1 FROM devices WHERE id = @id)
                ON CONFLICT(device_id) DO UPDATE SET version = excluded.version, state = excluded.state, updated_at = excluded.updated_at
                """,
                row,
                tx);
            if (reported.Errors is { Count: > 0 } errors)
            {
                c.Execute(
                    """
                    INSERT INTO reported_errors(device_id, version, errors, updated_at)
                    SELECT @id, @Version, @errors, @ts WHERE EXISTS (SELECT 1 FROM devices WHERE id = @id)
                    ON CONFLICT(device_id) DO UPDATE SET version = excluded.version, errors = excluded.errors, updated_at = excluded.updated_at
                    """,
                    new { row.id, row.Version, errors = JsonSerializer.Serialize(errors), row.ts },
                    tx);
            }
            else
            {
                c.Execute("DELETE FROM reported_errors WHERE device_id = @id", new { row.id }, tx);
            }

            tx.Commit();
        }

        Recorded?.Invoke(this, (message.DeviceId, reported.Version));
        return ValueTask.CompletedTask;
    }
}
