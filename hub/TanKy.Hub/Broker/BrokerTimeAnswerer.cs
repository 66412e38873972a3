using System.Buffers;
using MQTTnet;
using MQTTnet.Server;
using TanKy.Protocol;
using TanKy.Protocol.Messages;
using TanKy.Protocol.Time;

namespace TanKy.Hub.Broker;

/// <summary>
/// Answers <c>dev/{id}/time</c> inside the embedded broker's publish interceptor (protocol.md
/// §8.2.1): t2 is read when the interceptor starts, t3 just before the reply is injected to the
/// device's own <c>dev/{id}/time/reply</c>, and the request is not forwarded. Going through the
/// hub's MQTT client instead costs two extra hops per exchange, and a 500-node connect burst
/// (96 exchanges each at 10 ms) overwhelmed that path. External mode keeps
/// <see cref="TimeSyncResponder"/>.
/// </summary>
internal sealed class BrokerTimeAnswerer(string site, TimeProvider time)
{

    private readonly Topics _topics = new(site);
    private long _answered;

    public long Answered => Interlocked.Read(ref _answered);

    /// <summary>The hub clock now, µs: call first thing in the interceptor.</summary>
    public long Now() => UnixMicros.From(time.GetUtcNow());

    /// <summary>
    /// When <paramref name="e"/> is an accepted device time request, answers it, stops its
    /// forwarding and returns true.
    /// </summary>
    public bool TryAnswer(MqttServer? server, InterceptingPublishEventArgs e, long t2)
    {
        if (server is null || !e.ProcessPublish || string.IsNullOrEmpty(e.ClientId)
            || !Topics.TryParse(e.ApplicationMessage.Topic, out var parsed) || parsed.Kind != TopicKind.TimeRequest
            || parsed.Site != site || parsed.Subject is null)
        {
            return false;
        }

        var payload = e.ApplicationMessage.Payload;
        var bytes = payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray();
        if (PayloadValidator.Validate(site, e.ApplicationMessage.Topic, bytes).Message is not TimeRequestMessage request)
        {
            return false;
        }

        e.ProcessPublish = false;
        var reply = new byte[TimeReplyFormat.MaxBytes];
        var length = TimeReplyFormat.Write(reply, request.T1, t2, Now());
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(_topics.TimeReply(parsed.Subject))
            .WithPayload(reply.AsMemory(0, length).ToArray())
            .Build();

        // Not awaited: the interceptor must not wait for the dispatch queue it feeds.
        _ = server.InjectApplicationMessage(new InjectedMqttApplicationMessage(message));
        Interlocked.Increment(ref _answered);
        return true;
    }
}
