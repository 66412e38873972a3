using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using TanKy.Hub.Broker;
using TanKy.Hub.Devices;
using TanKy.Protocol;
using TanKy.Protocol.Messages;

namespace TanKy.Hub.Broadcasts.Delivery;

/// <summary>
/// Turns speakers' <c>playback.*</c> events (protocol.md §4.6) into <c>broadcast_deliveries</c>
/// rows: start error, trigger-to-first-sound, frame counts and how each node's playback ended.
/// Events about streams the hub never sent are ignored.
/// </summary>
internal sealed class DeliveryTracker : IDeviceMessageHandler
{
    private readonly DeliveryStore _store;
    private readonly DeviceRegistry _devices;
    private readonly ILogger<DeliveryTracker> _logger;

    // A broadcast's events all arrive within seconds: one lookup per stream, not per event.
    private readonly ConcurrentDictionary<string, StreamInfo> _streams = new(StringComparer.Ordinal);

    internal DeliveryTracker(DeliveryStore store, DeviceRegistry devices, ILogger<DeliveryTracker> logger)
    {
        _store = store;
        _devices = devices;
        _logger = logger;
    }

    public bool Handles(TopicKind kind) => kind == TopicKind.Event;

    public ValueTask HandleAsync(DeviceMessage message, CancellationToken cancellationToken)
    {
        if (message.Message is EventMessage em && PlaybackEvent.From(em) is { } e)
        {
            Record(message.DeviceId, e, em.Ts > 0 ? em.Ts : message.ReceivedAt.ToUnixTimeMilliseconds());
        }

        return ValueTask.CompletedTask;
    }

    private void Record(string deviceId, PlaybackEvent e, long atMs)
    {
        var stream = Find(e.Stream);
        if (stream is null)
        {
            _logger.LogDebug("{DeviceId} reported {Type} for unknown stream {StreamId}", deviceId, e.Type, e.Stream);
            return;
        }

        var key = new NodeKey(stream.StreamId, deviceId, stream.BroadcastId, ZoneOf(deviceId, stream));
        switch (e.Type)
        {
            case PlaybackEvent.Started:
                var intended = e.Time("intended_us");
                var actual = e.Time("actual_us") ?? (intended + e.Delta("error_us"));
                var error = e.Delta("error_us") ?? (actual - intended);
                _store.Started(key, atMs, intended, actual, error, actual - stream.RequestedUs);
                break;
            case PlaybackEvent.Finished:
                var counts = new FrameCounts(e.Count("played"), e.Count("concealed"), e.Count("late"), e.Count("fec"));
                _store.Finished(key, atMs, StatusFor(e.Text("reason")), counts, e.Delta("error_us"));
                break;
            case PlaybackEvent.Preempted:
                _store.Preempted(key, atMs);
                break;
            case PlaybackEvent.Refused:
                _store.Refused(key, atMs, RefusalReason(e.Text("reason")), e.Text("codec") is { } codec && IsToken(codec) ? codec : null);
                break;
            default:
                _store.Underrun(key);
                break;
        }
    }

    /// <summary>Row status for a <c>playback.finished</c> reason; an unknown or missing reason counts as a normal end.</summary>
    internal static string StatusFor(string? reason) => reason switch
    {
        "stop" => "stopped",
        "timeout" => "timeout",
        "preempted" => "preempted",
        _ => "finished",
    };

    /// <summary>A refusal's reason as recorded: <c>codec</c>, <c>class</c>, or null for a missing or unknown one.</summary>
    internal static string? RefusalReason(string? reason) =>
        reason is PlaybackEventTypes.RefusedCodec or PlaybackEventTypes.RefusedClass ? reason : null;

    private static bool IsToken(string text) => text.Length > 0 && text.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '-');

    private StreamInfo? Find(string streamId)
    {
        if (_streams.TryGetValue(streamId, out var info))
        {
            return info;
        }

        info = _store.FindStream(streamId);
        if (info is not null)
        {
            _streams[streamId] = info;
        }

        return info;
    }

    private string ZoneOf(string deviceId, StreamInfo stream)
    {
        var zones = stream.Zones.Split(',');
        var device = _devices.Get(deviceId);
        return device?.Zones.FirstOrDefault(zones.Contains) ?? zones[0];
    }
}
