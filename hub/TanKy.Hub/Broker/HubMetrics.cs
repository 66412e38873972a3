using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using TanKy.Protocol;

namespace TanKy.Hub.Broker;

/// <summary>
/// Counters the hub keeps about itself. Exposed as <see cref="Meter"/> instruments (for the
/// metrics endpoint) and as plain totals (for the status line and tests).
/// </summary>
public sealed class HubMetrics : IDisposable
{
    public const string MeterName = "TanKy.Hub";

    /// <summary>Drop reason: over the device's token bucket (<see cref="DeviceRateLimitOptions"/>).</summary>
    public const string DropRateLimit = "rate_limit";

    /// <summary>Drop reason: the device's own queue in the hub's inbound dispatch was full (telemetry shed).</summary>
    public const string DropInboundQueue = "inbound_queue";

    /// <summary>Drop reason: the telemetry store's queue between two flushes was full and forgot its oldest row.</summary>
    public const string DropTelemetryStore = "telemetry_store";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _aclRefusals;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _authFailures;
    private readonly Counter<long> _deviceDrops;
    private readonly ConcurrentDictionary<ProtocolError, long> _rejectedTotals = new();
    private readonly ConcurrentDictionary<(string DeviceId, string Reason), long> _deviceDropTotals = new();
    private long _hubQueueDropTotal;
    private long _aclRefusalTotal;
    private long _authFailureTotal;
    private long _brokerMessageTotal;

    public HubMetrics()
    {
        _aclRefusals = _meter.CreateCounter<long>("tanky_acl_refusals", description: "Publishes and subscriptions refused by the ACL");
        _rejected = _meter.CreateCounter<long>("tanky_protocol_rejected", description: "Incoming payloads refused by protocol validation");
        _authFailures = _meter.CreateCounter<long>("tanky_auth_failures", description: "MQTT connections refused for bad credentials");
        _deviceDrops = _meter.CreateCounter<long>("tanky_device_messages_dropped", description: "Device messages dropped for flooding, by device and reason");
    }

    /// <summary>
    /// Messages for the hub's own connection that the embedded broker's session queue dropped
    /// (MQTTnet's <c>MaxPendingMessagesPerClient</c>, oldest first): the silent loss a flood caused before.
    /// </summary>
    public long HubQueueDropped => Interlocked.Read(ref _hubQueueDropTotal);

    /// <summary>Messages of every device dropped for flooding, per device and reason.</summary>
    public IReadOnlyList<(string DeviceId, string Reason, long Count)> DeviceDrops =>
        _deviceDropTotals.Select(kv => (kv.Key.DeviceId, kv.Key.Reason, kv.Value)).ToList();

    public long DeviceDropped(string deviceId, string reason) => _deviceDropTotals.GetValueOrDefault((deviceId, reason));

    public void HubQueueDrop() => Interlocked.Increment(ref _hubQueueDropTotal);

    /// <summary>A message of <paramref name="deviceId"/> was dropped; <paramref name="reason"/> is <see cref="DropRateLimit"/>, <see cref="DropInboundQueue"/> or <see cref="DropTelemetryStore"/>.</summary>
    public void DeviceMessageDropped(string deviceId, string reason)
    {
        _deviceDropTotals.AddOrUpdate((deviceId, reason), 1, (_, n) => n + 1);
        _deviceDrops.Add(1, new KeyValuePair<string, object?>("device", deviceId), new KeyValuePair<string, object?>("reason", reason));
    }

    public long AclRefusals => Interlocked.Read(ref _aclRefusalTotal);

    public long AuthFailures => Interlocked.Read(ref _authFailureTotal);

    /// <summary>PUBLISH packets the embedded broker received from any client (before the ACL).</summary>
    public long BrokerMessages => Interlocked.Read(ref _brokerMessageTotal);

    public void BrokerMessageReceived() => Interlocked.Increment(ref _brokerMessageTotal);

    public long Rejected(ProtocolError error) => _rejectedTotals.GetValueOrDefault(error);

    public long RejectedTotal => _rejectedTotals.Values.Sum();

    public void AclRefused(string action)
    {
        Interlocked.Increment(ref _aclRefusalTotal);
        _aclRefusals.Add(1, new KeyValuePair<string, object?>("action", action));
    }

    public void AuthFailed()
    {
        Interlocked.Increment(ref _authFailureTotal);
        _authFailures.Add(1);
    }

    public void PayloadRejected(ProtocolError error)
    {
        _rejectedTotals.AddOrUpdate(error, 1, (_, n) => n + 1);
        _rejected.Add(1, new KeyValuePair<string, object?>("reason", error.ToString()));
    }

    public void Dispose() => _meter.Dispose();
}
