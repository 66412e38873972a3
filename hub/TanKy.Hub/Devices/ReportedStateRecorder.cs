using Dapper;
using TanKy.Hub.Broker;
using TanKy.Hub.Storage;
using TanKy.Protocol;
using TanKy.Protocol.Messages;

namespace TanKy.Hub.Devices;

/// <summary>Stores what each device reports it applied, beside the desired state, so drift can be seen.</summary>
public sealed class ReportedStateRecorder(Database db) : IDeviceMessageHandler
{
    /// <summary>Raised after a reported state is stored: (device id, version).</summary>
    public event EventHandler<(string DeviceId, long Version)>? Recorded;

    public bool Handles(TopicKind kind) => kind == TopicKind.Reported;

    public ValueTask HandleAsync(DeviceMessage message, CancellationToken cancellationToken)
    {
        if (message.Message is ReportedStateMessage reported)
        {
            using var c = db.Open();
            c.Execute(
                """
                INSERT INTO reported_state(device_id, version, state, updated_at)
                SELECT @id, @Version, @state, @ts WHERE EXISTS (SELECT 1 FROM devices WHERE id = @id)
                ON CONFLICT(device_id) DO UPDATE SET version = excluded.version, state = excluded.state, updated_at = excluded.updated_at
                """,
                new { id = message.DeviceId, reported.Version, state = reported.State.ToJsonString(), ts = message.ReceivedAt.ToUnixTimeMilliseconds() });
            Recorded?.Invoke(this, (message.DeviceId, reported.Version));
        }

        return ValueTask.CompletedTask;
    }
}
