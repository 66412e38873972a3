using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TanKy.Hub.Broker;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Availability.OfflineAlerts;

/// <summary>
/// Keeps <c>tanky/v1/{site}/hub/alerts</c> (retained, QoS 1) equal to the list of open alerts,
/// so a dashboard that connects at any time sees them. Published after every change, and
/// again on the next check whenever the last attempt failed (no broker connection).
/// </summary>
internal sealed class MqttAlertPublisher(IHubMqtt mqtt, TimeProvider time, IOptions<HubOptions> hub, IOptions<AlertOptions> options, ILogger<MqttAlertPublisher> logger) : IAlertNotifier
{
    private bool _published;

    public string Topic { get; } = $"tanky/v1/{hub.Value.Site}/hub/alerts";

    public async Task NotifyAsync(IReadOnlyList<AlertChange> changes, IReadOnlyList<Alert> open, CancellationToken cancellationToken)
    {
        if (_published && changes.Count == 0)
        {
            return;
        }

        _published = false;
        if (!mqtt.IsConnected)
        {
            return;
        }

        var payload = AlertPayloads.Topic(open, time.GetUtcNow(), options.Value.MaxAlertsInTopic);
        try
        {
            await mqtt.PublishAsync(Topic, payload, retain: true, qos: 1, cancellationToken);
            _published = true;
        }
        catch (InvalidOperationException ex)
        {
            logger.LogWarning("Could not publish the alert list to {Topic}: {Reason}; retrying on the next check", Topic, ex.Message);
        }
    }
}
