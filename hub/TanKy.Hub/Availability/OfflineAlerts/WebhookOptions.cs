namespace TanKy.Hub.Availability.OfflineAlerts;

/// <summary>The optional outgoing webhook (section <c>Alerts:Webhook</c>). Off while <see cref="Url"/> is empty.</summary>
public sealed class WebhookOptions
{
    public string? Url { get; set; }

    /// <summary>Per attempt.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    public int MaxAttempts { get; set; } = 5;

    /// <summary>Delay before the second attempt; doubled for each further one.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Notifications waiting to be sent; beyond this the oldest is dropped (and logged).</summary>
    public int QueueCapacity { get; set; } = 1000;
}
