using System.Buffers;
using System.Collections;
using System.Text;
using Microsoft.Extensions.Logging;
using MQTTnet.Protocol;
using MQTTnet.Server;
using TanKy.Protocol;

namespace TanKy.Hub.Broker;

/// <summary>
/// What the embedded broker does with each PUBLISH and SUBSCRIBE: the packet size limit, the
/// <see cref="TopicAcl"/>, and protocol validation of device payloads before they fan out
/// (so a broken device cannot feed other subscribers garbage, and the hub connection
/// only ever sees valid device messages), and each device's rate limit (<see cref="DeviceRateLimiter"/>).
/// </summary>
internal sealed class BrokerPolicy(TopicAcl acl, int maxPacketSize, HubMetrics metrics, LogThrottle throttle, ILogger logger, DeviceRateLimiter? rateLimit = null, IDeviceAuthenticator? devices = null)
{
    private const string IdentityKey = "tanky.identity";

    /// <summary>Fixed header (≤ 5 bytes), topic length prefix and packet id: the part of a PUBLISH that is not topic or payload.</summary>
    private const int PublishOverhead = 9;

    public static void Remember(IDictionary sessionItems, MqttIdentity identity) => sessionItems[IdentityKey] = identity;

    public static MqttIdentity? IdentityOf(IDictionary? sessionItems) => sessionItems?[IdentityKey] as MqttIdentity;

    public Task OnPublishAsync(InterceptingPublishEventArgs e)
    {
        // Messages the server injects itself have no client behind them.
        if (string.IsNullOrEmpty(e.ClientId) && string.IsNullOrEmpty(e.UserName))
        {
            return Task.CompletedTask;
        }

        var topic = e.ApplicationMessage.Topic;
        var identity = IdentityOf(e.SessionItems);
        var payload = e.ApplicationMessage.Payload;
        var size = payload.Length + Encoding.UTF8.GetByteCount(topic ?? "") + PublishOverhead;
        if (size > maxPacketSize)
        {
            // MQTT 5 clients were told the limit in CONNACK; a client that ignores it is broken or hostile.
            e.ProcessPublish = false;
            e.CloseConnection = true;
            metrics.PayloadRejected(ProtocolError.TooLarge);
            logger.LogWarning("Closed MQTT client {ClientId}: publish of {Size} bytes to {Topic} exceeds the {MaxPacketSize}-byte packet limit", e.ClientId, size, Shorten(topic), maxPacketSize);
            return Task.CompletedTask;
        }

        if (identity is null || !acl.CanPublish(identity, topic))
        {
            e.ProcessPublish = false;
            e.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
            metrics.AclRefused("publish");
            LogRefusal("publish", e.ClientId, topic);
            return Task.CompletedTask;
        }

        if (identity.Kind == MqttIdentityKind.Device && rateLimit is not null && !rateLimit.TryAccept(identity.Name))
        {
            // Before validation, so a flood costs as little as possible. QoS 1 senders learn why.
            e.ProcessPublish = false;
            e.Response.ReasonCode = MqttPubAckReasonCode.QuotaExceeded;
            return Task.CompletedTask;
        }

        if (identity.Kind == MqttIdentityKind.Device)
        {
            var bytes = payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray();
            var result = PayloadValidator.Validate(acl.Site, topic, bytes);
            if (!result.IsValid)
            {
                e.ProcessPublish = false;
                e.Response.ReasonCode = MqttPubAckReasonCode.PayloadFormatInvalid;
                metrics.PayloadRejected(result.Error);
                LogInvalidPayload(e.ClientId, topic, result);
            }
        }

        return Task.CompletedTask;
    }

    public Task OnSubscribeAsync(InterceptingSubscriptionEventArgs e)
    {
        var filter = e.TopicFilter.Topic;
        var identity = IdentityOf(e.SessionItems);
        if (identity is { Kind: MqttIdentityKind.Device } && !acl.CanSubscribe(identity, filter) && Refreshed(identity, filter) is { } fresh)
        {
            // The speaker was moved to another zone while connected (its desired zones changed): its identity follows the registry.
            identity = fresh;
            Remember(e.SessionItems, fresh);
        }

        if (identity is null || !acl.CanSubscribe(identity, filter))
        {
            e.ProcessSubscription = false;
            e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
            metrics.AclRefused("subscribe");
            LogRefusal("subscribe", e.ClientId, filter);
        }

        return Task.CompletedTask;
    }

    /// <summary>The device's identity with its zones re-read, when <paramref name="filter"/> is a play topic of a zone it did not have at connect.</summary>
    private MqttIdentity? Refreshed(MqttIdentity identity, string filter)
    {
        if (devices is null || !Topics.TryParse(filter, out var parsed) || parsed.Kind != TopicKind.ZonePlay || parsed.Site != acl.Site)
        {
            return null;
        }

        var zones = devices.ZonesOf(identity.Name);
        return zones is not null && zones.Contains(parsed.Subject!, StringComparer.Ordinal)
            ? MqttIdentity.Device(identity.Name, zones, identity.CredentialStamp)
            : null;
    }

    private void LogRefusal(string action, string clientId, string? topic)
    {
        if (throttle.ShouldLog($"acl:{clientId}", out var suppressed))
        {
            logger.LogWarning("ACL refused {Action} by {ClientId} on {Topic} ({Suppressed} similar refusals not logged)", action, clientId, Shorten(topic), suppressed);
        }
        else
        {
            logger.LogDebug("ACL refused {Action} by {ClientId} on {Topic}", action, clientId, Shorten(topic));
        }
    }

    private void LogInvalidPayload(string clientId, string? topic, ValidatedMessage result)
    {
        if (throttle.ShouldLog($"payload:{clientId}", out var suppressed))
        {
            logger.LogWarning("Dropped invalid payload from {ClientId} on {Topic}: {Error} {Reason} ({Suppressed} similar not logged)", clientId, Shorten(topic), result.Error, result.Reason, suppressed);
        }
        else
        {
            logger.LogDebug("Dropped invalid payload from {ClientId} on {Topic}: {Error} {Reason}", clientId, Shorten(topic), result.Error, result.Reason);
        }
    }

    /// <summary>Topics come from the client: keep log lines bounded.</summary>
    private static string Shorten(string? s) => s is null ? "" : s.Length <= 120 ? s : s[..120] + "…";
}
