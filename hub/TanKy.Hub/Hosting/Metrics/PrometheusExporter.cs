using Microsoft.Extensions.DependencyInjection;
using Prometheus;
using TanKy.Hub.Availability;
using TanKy.Hub.Availability.OfflineAlerts;
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
        foreach (var (cls, n) in _services.GetRequiredService<BroadcastMetrics>().StartedByClass)
        {
            _broadcasts.WithLabels(cls).IncTo(n);
        }

        _openAlerts.Set(_services.GetService<AlertStore>()?.List(open: true).Count ?? 0);
    }
}
