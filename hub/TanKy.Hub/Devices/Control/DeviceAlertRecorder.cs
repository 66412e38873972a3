using Dapper;
using Microsoft.Extensions.Logging;
using TanKy.Hub.Broker;
using TanKy.Protocol;
using TanKy.Protocol.Messages;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Devices.Control;

/// <summary>
/// Alerts a device raises itself (protocol.md §4.9: <c>camera.tamper</c>): logged as a warning
/// and stored in <c>device_alerts</c>. The reports feature can read them from there.
/// </summary>
internal sealed class DeviceAlertRecorder(Database db, ILogger<DeviceAlertRecorder> logger) : IDeviceMessageHandler
{
    public static readonly IReadOnlySet<string> AlertTypes = new HashSet<string>(StringComparer.Ordinal) { "camera.tamper" };

    /// <summary>Raised after an alert is stored: (device id, event type).</summary>
    public event EventHandler<(string DeviceId, string Type)>? Recorded;

    public bool Handles(TopicKind kind) => kind == TopicKind.Event;

    public ValueTask HandleAsync(DeviceMessage message, CancellationToken cancellationToken)
    {
        if (message.Message is EventMessage e && AlertTypes.Contains(e.Type))
        {
            var ts = e.Ts > 0 ? e.Ts : message.ReceivedAt.ToUnixTimeMilliseconds();
            using (var c = db.Open())
            {
                c.Execute(
                    "INSERT INTO device_alerts(device_id, type, ts, data) VALUES (@id, @Type, @ts, @data)",
                    new { id = message.DeviceId, e.Type, ts, data = e.Data?.ToJsonString() });
            }

            logger.LogWarning("Alert {Type} from {DeviceId}: {Data}", e.Type, message.DeviceId, e.Data?.ToJsonString() ?? "-");
            Recorded?.Invoke(this, (message.DeviceId, e.Type));
        }

        return ValueTask.CompletedTask;
    }

    public IReadOnlyList<(string Type, long Ts, string? Data)> List(string deviceId)
    {
        using var c = db.Open();
        return c.Query<(string, long, string?)>("SELECT type, ts, data FROM device_alerts WHERE device_id = @deviceId ORDER BY id DESC LIMIT 100", new { deviceId }).ToList();
    }
}
