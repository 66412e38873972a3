using Microsoft.Extensions.DependencyInjection;
using Prometheus;
using TanKy.Hub.Availability;
using TanKy.Hub.Availability.OfflineAlerts;
using TanKy.Hub.Broadcasts.Relay;
using TanKy.Hub.Broker;
using TanKy.Hub.Devices;
using TanKy.Protocol;

namespace TanKy.Hub.Hosting.Metrics;

/// <summary>
/// The hub's own Prometheus registry (not the library's process-wide default, so two hubs in one
/// test process never mix figures). Values are read from the live state just before each scrape.
/// </summary>
internal sealed class PrometheusExporter
{
    private static readonly string[] States = [DeviceStatus.Online, DeviceStatus.Offline, DeviceStatus.Unknown];

    private readonly IServiceProvider _services;
    private readonly Gauge _devices;
    private readonly Gauge _brokerClients;
    private readonly Counter _brokerMessages;
    private readonly Counter _broadcasts;
    private readonly Gauge _openAlerts;
    private readonly Counter _aclRefusals;
    private readonly Counter _rejected;
    private readonly Counter _authFailures;
    private readonly Counter _deviceDrops;
    private readonly Counter _hubQueueDrops;
    private readonly Gauge _floodAlerts;
    private readonly Counter _relayDropouts;
    private readonly Counter _relayFallbacks;
    private readonly Counter _relaySeconds;

    public PrometheusExporter(IServiceProvider services)
    {
        _services = services;
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var f = Prometheus.Metrics.WithCustomRegistry(Registry);
        _devices = f.CreateGauge("tanky_devices", "Registered devices by current state and kind", "state", "kind");
        _brokerClients = f.CreateGauge("tanky_broker_clients", "MQTT clients connected to the embedded broker (the hub's own connection excluded)");
        _brokerMessages = f.CreateCounter("tanky_broker_messages_received_total", "PUBLISH packets received by the embedded broker");
        _broadcasts = f.CreateCounter("tanky_broadcasts_total", "Broadcasts started, by bulletin class", "class");
        _openAlerts = f.CreateGauge("tanky_alerts_open", "Availability alerts currently open");
        _aclRefusals = f.CreateCounter("tanky_acl_refusals_total", "Publishes and subscriptions refused by the topic ACL");
        _rejected = f.CreateCounter("tanky_protocol_rejected_total", "Device payloads refused by protocol validation");
        _authFailures = f.CreateCounter("tanky_auth_failures_total", "MQTT connections refused for bad credentials");
        _deviceDrops = f.CreateCounter("tanky_device_messages_dropped_total", "Device messages dropped for flooding: rate_limit (over the device's token bucket) or inbound_queue (its own queue in the hub was full)", "device", "reason");
        _hubQueueDrops = f.CreateCounter("tanky_broker_hub_queue_dropped_total", "Messages for the hub's own connection dropped by the embedded broker's session queue");
        _floodAlerts = f.CreateGauge("tanky_device_flood_alerts_open", "Devices with an open flood alert (messages dropped within the last minute)");
        _relayDropouts = f.CreateCounter("tanky_relay_dropouts_total", "Relay dropouts: gaps of at least Relay:DropoutMinimum in a relayed source (all relays)");
        _relayFallbacks = f.CreateCounter("tanky_relay_fallback_switches_total", "Times a relay switched to its fallback clip after the source stayed down for Relay:FallbackAfter");
        _relaySeconds = f.CreateCounter("tanky_relay_seconds_total", "Seconds of source audio relayed to speakers (all relays)");
        Registry.AddBeforeCollectCallback(Refresh);
    }

    public CollectorRegistry Registry { get; }

    private void Refresh()
    {
        var live = _services.GetRequiredService<LiveStatusTable>().All.ToList();
        foreach (var kind in Protocol.DeviceKinds.All.Select(Protocol.EnumWire.ToWire))
        {
            foreach (var state in States)
            {
                _devices.WithLabels(state, kind).Set(live.Count(d => d.Kind == kind && d.Status == state));
            }
        }

        var hub = _services.GetRequiredService<HubMetrics>();
        _brokerClients.Set(_services.GetService<IBrokerStatistics>()?.ConnectedClients ?? 0);
        _brokerMessages.IncTo(hub.BrokerMessages);
        _aclRefusals.IncTo(hub.AclRefusals);
        _rejected.IncTo(hub.RejectedTotal);
        _authFailures.IncTo(hub.AuthFailures);
        _hubQueueDrops.IncTo(hub.HubQueueDropped);
        foreach (var (device, reason, n) in hub.DeviceDrops)
        {
            _deviceDrops.WithLabels(device, reason).IncTo(n);
        }

        _floodAlerts.Set(_services.GetService<DeviceFloodAlerts>()?.Open().Count ?? 0);
        foreach (var (cls, n) in _services.GetRequiredService<BroadcastMetrics>().StartedByClass)
        {
            _broadcasts.WithLabels(cls).IncTo(n);
        }

        _openAlerts.Set(_services.GetService<AlertStore>()?.List(open: true).Count ?? 0);
        if (_services.GetService<RelayTotals>() is { } relays)
        {
            _relayDropouts.IncTo(relays.Dropouts);
            _relayFallbacks.IncTo(relays.FallbackSwitches);
            _relaySeconds.IncTo(relays.RelayedSeconds);
        }
    }
}
