using System.Text.Json;

namespace TanKy.Hub.Availability.OfflineAlerts;

/// <summary>The JSON of the retained alert topic and of the webhook (hub/docs/reports.md). Times are Unix ms.</summary>
internal static class AlertPayloads
{
    public static byte[] Topic(IReadOnlyList<Alert> open, DateTimeOffset now, int max) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        v = 1,
        ts = now.ToUnixTimeMilliseconds(),
        count = open.Count,
        truncated = open.Count > max,
        alerts = open.Take(max).Select(Short),
    });

    public static byte[] Webhook(string site, AlertChange change, int openCount, DateTimeOffset now) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        v = 1,
        site,
        @event = change.Opened ? "opened" : "closed",
        ts = now.ToUnixTimeMilliseconds(),
        open_count = openCount,
        alert = new
        {
            id = change.Alert.Id,
            device = change.Alert.DeviceId,
            kind = change.Alert.Kind,
            zones = change.Alert.Zones,
            since = change.Alert.OfflineSince.ToUnixTimeMilliseconds(),
            opened = change.Alert.OpenedAt.ToUnixTimeMilliseconds(),
            closed = change.Alert.ClosedAt?.ToUnixTimeMilliseconds(),
            reason = change.Alert.CloseReason,
        },
    });

    private static object Short(Alert a) => new
    {
        id = a.Id,
        device = a.DeviceId,
        kind = a.Kind,
        zones = a.Zones,
        since = a.OfflineSince.ToUnixTimeMilliseconds(),
        opened = a.OpenedAt.ToUnixTimeMilliseconds(),
    };
}
