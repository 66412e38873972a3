using System.Buffers.Text;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TanKy.Hub.Broker;
using TanKy.Protocol;
using TanKy.Protocol.Messages;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Broadcasts.Clock;

/// <summary>
/// Answers <c>dev/{id}/time</c> with <c>{v,t1,t2,t3}</c> (protocol.md §4.7, §8.2.1). A reconnect
/// storm is a burst of tens of thousands of requests, so the reply is formatted by hand into one
/// small array (no serializer, no intermediate strings) and reply topics are cached per device.
/// t2 is the receive stamp the MQTT connection put on the message; t3 is read as the very last
/// step before the publish, so the node's formula removes all of the hub's own processing time.
/// </summary>
internal sealed class TimeSyncResponder : IDeviceMessageHandler
{
    // {"v":1,"t1":…,"t2":…,"t3":…}: fixed text plus three int64 of at most 20 characters each.

    private readonly IHubMqtt _mqtt;
    private readonly HubClock _clock;
    private readonly Topics _topics;
    private readonly ILogger<TimeSyncResponder> _logger;
    private readonly ConcurrentDictionary<string, string> _replyTopics = new(StringComparer.Ordinal);
    private readonly Func<string, string> _replyTopicOf;
    private long _answered;
    private long _failed;

    public TimeSyncResponder(IHubMqtt mqtt, HubClock clock, IOptions<HubOptions> hub, ILogger<TimeSyncResponder> logger)
    {
        _mqtt = mqtt;
        _clock = clock;
        _topics = new Topics(hub.Value.Site);
        _replyTopicOf = _topics.TimeReply;
        _logger = logger;
    }

    public long Answered => Interlocked.Read(ref _answered);

    public bool Handles(TopicKind kind) => kind == TopicKind.TimeRequest;

    public async ValueTask HandleAsync(DeviceMessage message, CancellationToken cancellationToken)
    {
        if (message.Message is not TimeRequestMessage request)
        {
            return;
        }

        var topic = _replyTopics.GetOrAdd(message.DeviceId, _replyTopicOf);
        var t2 = HubClock.ToMicros(message.ReceivedAt);
        var payload = new byte[TimeReplyFormat.MaxBytes];
        var length = TimeReplyFormat.Write(payload, request.T1, t2, _clock.NowMicros);
        try
        {
            await _mqtt.PublishAsync(topic, payload.AsMemory(0, length), retain: false, qos: 0, cancellationToken);
            Interlocked.Increment(ref _answered);
        }
        catch (InvalidOperationException ex)
        {
            // Not connected: the node retries on its own schedule; a missing answer is harmless.
            if (Interlocked.Increment(ref _failed) % 1000 == 1)
            {
                _logger.LogWarning("Time reply to {DeviceId} not sent: {Error}", message.DeviceId, ex.Message);
            }
        }
    }
}
