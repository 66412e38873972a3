using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TanKy.Hub.Broker;
using TanKy.Hub.Devices;
using TanKy.Protocol;
using TanKy.Protocol.Messages;
using TanKy.Hub.Shared;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Availability;

/// <summary>
/// Turns births, wills, clean shutdowns and telemetry into the registry's status and the
/// status history. Telemetry silence is handled by <see cref="SilenceWatchdog"/>.
/// </summary>
internal sealed class DeviceStatusTracker(
    Database db,
    LiveStatusTable live,
    StatusTransitions transitions,
    TelemetryRecorder telemetry,
    IOptions<HubOptions> options,
    ILogger<DeviceStatusTracker> logger) : IDeviceMessageHandler
{
    // Any message from a device proves it is alive (protocol.md §4.2: "nothing received from it").
    public bool Handles(TopicKind kind) => kind is TopicKind.DeviceState or TopicKind.Telemetry or TopicKind.Reported
        or TopicKind.Reply or TopicKind.Event or TopicKind.TimeRequest;

    public ValueTask HandleAsync(DeviceMessage message, CancellationToken cancellationToken)
    {
        var device = live.Find(message.DeviceId);
        if (device is null)
        {
            logger.LogWarning("Message from unregistered device {DeviceId} on {Kind} ignored", message.DeviceId, message.Topic.Kind);
            return ValueTask.CompletedTask;
        }

        switch (message.Message)
        {
            case DeviceStateMessage state:
                OnState(device, state, message.ReceivedAt);
                break;
            case TelemetryMessage t:
                device.LastSeenMs = message.ReceivedAt.ToUnixTimeMilliseconds();
                if (t.Interval is { } interval)
                {
                    device.IntervalSeconds = interval;
                }

                transitions.Apply(device, DeviceStatus.Online, "telemetry", message.ReceivedAt);
                telemetry.Enqueue(device.Id, t, message.ReceivedAt);
                break;
            default:
                // lastSeen is the last message of any kind, whatever the status (protocol.md §2.3: a
                // reported may come before the birth). In memory only: one UPDATE per event or reply
                // would cost the SD card what the telemetry batching saves; births and telemetry
                // batches persist it.
                device.LastSeenMs = Math.Max(device.LastSeenMs, message.ReceivedAt.ToUnixTimeMilliseconds());
                break;
        }

        return ValueTask.CompletedTask;
    }

    private void OnState(LiveDevice device, DeviceStateMessage state, DateTimeOffset at)
    {
        if (state.Status == ProtocolConstants.StatusOnline)
        {
            device.LastSeenMs = at.ToUnixTimeMilliseconds();
            device.IntervalSeconds = state.Interval ?? options.Value.DefaultTelemetryIntervalSeconds;
            using (var c = db.Open())
            {
                c.Execute(
                    "UPDATE devices SET firmware = @Fw, boot_id = @Boot, capabilities = @caps, telemetry_interval = @interval, last_seen = @ts WHERE id = @id",
                    new { state.Fw, state.Boot, caps = string.Join(',', state.Caps ?? []), interval = device.IntervalSeconds, ts = device.LastSeenMs, id = device.Id });
            }

            transitions.Apply(device, DeviceStatus.Online, "birth", at);
            return;
        }

        // The will is fixed at connect time and carries no timestamp; a clean shutdown does (protocol.md §4.2).
        transitions.Apply(device, DeviceStatus.Offline, state.Ts > 0 ? "shutdown" : "will", at);
    }
}
