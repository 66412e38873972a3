namespace TanKy.Hub.Broker;

/// <summary>
/// Per-device message rate limit (section <c>Broker:RateLimit</c>): a token bucket per device that
/// refills at <see cref="MessagesPerSecond"/> and holds at most <see cref="Burst"/> messages. What
/// a device publishes beyond it is dropped, counted per device in <c>/metrics</c> and raised as a
/// flood alert naming the device. Applied by the embedded broker to every device PUBLISH, and by the
/// hub's own connection to what it receives in External mode.
/// </summary>
public sealed class DeviceRateLimitOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Sustained rate. A real node sends 4 clock-sync requests a second for its first minute
    /// (protocol.md §8.2.2), then 0.4/s, telemetry every few seconds and a few events per broadcast.
    /// </summary>
    public double MessagesPerSecond { get; set; } = 20;

    /// <summary>
    /// Bucket size. The clock-sync burst at connect is 96 requests in about a second; with the birth,
    /// reported state and first telemetry that must all pass.
    /// </summary>
    public int Burst { get; set; } = 200;
}
