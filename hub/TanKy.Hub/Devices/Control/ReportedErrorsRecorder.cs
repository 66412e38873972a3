using System.Text.Json;
using Dapper;
using TanKy.Hub.Broker;
using TanKy.Hub.Storage;
using TanKy.Protocol;
using TanKy.Protocol.Messages;

namespace TanKy.Hub.Devices.Control;

/// <summary>Keeps the <c>errors</c> of each device's latest reported state, so the state view can show why it drifts.</summary>
public sealed class ReportedErrorsRecorder(Database db) : IDeviceMessageHandler
{
    public bool Handles(TopicKind kind) => kind == TopicKind.Reported;

    public ValueTask HandleAsync(DeviceMessage message, CancellationToken cancellationToken)
    {
        if (message.Message is not ReportedStateMessage reported)
        {
            return ValueTask.CompletedTask;
        }

        using var c = db.Open();
        if (reported.Errors is not { Count: > 0 } errors)
        {
            c.Execute("DELETE FROM reported_errors WHERE device_id = @id", new { id = message.DeviceId });
        }
        else
        {
            c.Execute(
                """
                INSERT INTO reported_errors(device_id, version, errors, updated_at)
                SELECT @id, @Version, @errors, @ts WHERE EXISTS (SELECT 1 FROM devices WHERE id = @id)
                ON CONFLICT(device_id) DO UPDATE SET version = excluded.version, errors = excluded.errors, updated_at = excluded.updated_at
                """,
                new { id = message.DeviceId, reported.Version, errors = JsonSerializer.Serialize(errors), ts = message.ReceivedAt.ToUnixTimeMilliseconds() });
        }

        return ValueTask.CompletedTask;
    }
}
