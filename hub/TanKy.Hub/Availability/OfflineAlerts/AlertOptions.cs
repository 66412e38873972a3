namespace TanKy.Hub.Availability.OfflineAlerts;

/// <summary>Availability alert settings (section <c>Alerts</c>).</summary>
public sealed class AlertOptions
{
    public const string Section = "Alerts";

    /// <summary>How long a device of each kind may be offline before an alert opens (wire kind → duration).</summary>
    public Dictionary<string, TimeSpan> Thresholds { get; set; } = new(StringComparer.Ordinal)
    {
        ["speaker"] = TimeSpan.FromMinutes(10),
        ["wifi-ap"] = TimeSpan.FromMinutes(30),
        ["camera"] = TimeSpan.FromMinutes(10),
        ["led-board"] = TimeSpan.FromMinutes(30),
        ["gateway"] = TimeSpan.FromMinutes(10),
    };

    /// <summary>For a kind missing from <see cref="Thresholds"/>.</summary>
    public TimeSpan DefaultThreshold { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the devices are checked.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Most alerts listed in the retained MQTT message (the count is always complete).</summary>
    public int MaxAlertsInTopic { get; set; } = 200;

    public WebhookOptions Webhook { get; set; } = new();

    public TimeSpan ThresholdFor(string kind) => Thresholds.TryGetValue(kind, out var t) ? t : DefaultThreshold;
}
