namespace TanKy.Hub.Hosting.Metrics;

/// <summary>The Prometheus endpoint (section <c>Metrics</c>).</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    public bool Enabled { get; set; } = true;

    public string Path { get; set; } = "/metrics";

    /// <summary>A Prometheus on the gateway itself may scrape without a token; from anywhere else a bearer token is required.</summary>
    public bool AllowAnonymousFromLoopback { get; set; } = true;
}
