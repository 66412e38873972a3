namespace TanKy.DeviceSim.Node;

/// <summary>
/// Faults a node injects into its own life. All off by default, so a plain fleet costs nothing
/// beyond the MQTT connections themselves.
/// </summary>
public sealed record FaultOptions
{
    public static FaultOptions None { get; } = new();

    /// <summary>Mean time between random link losses (exponentially distributed); null = never.
    /// A link loss is abrupt: the broker publishes the will, the node reconnects with backoff.</summary>
    public TimeSpan? DisconnectMeanInterval { get; init; }

    /// <summary>Added before every publish and before handling every received message.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Uniform extra delay 0..jitter on top of <see cref="Latency"/>.</summary>
    public TimeSpan LatencyJitter { get; init; }

    /// <summary>Route the node through its own <see cref="Faults.LinkProxy"/> (cut/restore, link latency).</summary>
    public bool UseLinkProxy { get; init; }

    /// <summary>One-way delay the link proxy adds to every chunk, both ways (with <see cref="UseLinkProxy"/>).</summary>
    public TimeSpan LinkLatency { get; init; }

    /// <summary>Uniform extra delay 0..jitter per chunk on top of <see cref="LinkLatency"/>.</summary>
    public TimeSpan LinkJitter { get; init; }

    /// <summary>
    /// Percentage (0–100) of received audio frames a speaker throws away, each frame independently
    /// (not whole messages), before the jitter buffer: a lossy 4G link, to exercise FEC and concealment.
    /// </summary>
    public double AudioLossPercent { get; init; }

    /// <summary>A protocol violation on purpose, for the conformance kit's own tests (<see cref="Node.ConformanceFault"/>).</summary>
    public ConformanceFault ConformanceFault { get; init; }

    internal bool AddsLatency => Latency > TimeSpan.Zero || LatencyJitter > TimeSpan.Zero;

    public void Validate()
    {
        if (DisconnectMeanInterval is { } d && d <= TimeSpan.Zero)
        {
            throw new ArgumentException("disconnect mean interval must be > 0");
        }

        if (Latency < TimeSpan.Zero || LatencyJitter < TimeSpan.Zero || LinkLatency < TimeSpan.Zero || LinkJitter < TimeSpan.Zero)
        {
            throw new ArgumentException("latency and jitter must be ≥ 0");
        }

        if (!Enum.IsDefined(ConformanceFault))
        {
            throw new ArgumentException($"unknown conformance fault {ConformanceFault}");
        }

        if (AudioLossPercent is < 0 or > 100 || double.IsNaN(AudioLossPercent))
        {
            throw new ArgumentException("audio loss must be 0–100 %");
        }
    }
}
