namespace TanKy.DeviceSim.Cli;

/// <summary>The options of <c>tanky-sim run</c>, as <see cref="RunCommand"/> parsed them.</summary>
internal sealed record RunArguments
{
    public required string Fleet { get; init; }

    public string? Host { get; init; }

    public int? Port { get; init; }

    public double TelemetryIntervalSeconds { get; init; } = 30;

    public int? Limit { get; init; }

    public double? DisconnectEverySeconds { get; init; }

    public int LatencyMs { get; init; }

    public double? KillEverySeconds { get; init; }

    public bool Storm { get; init; }

    public double SummaryEverySeconds { get; init; } = 10;

    public string? AudioDirectory { get; init; }

    public bool Aplay { get; init; }

    /// <summary>Speakers schedule and count frames but skip Opus decoding (benchmarks of many nodes on few cores).</summary>
    public bool NoDecode { get; init; }

    public int ClockOffsetMs { get; init; }

    public double AudioLossPercent { get; init; }

    public double? SyncWindowSeconds { get; init; }

    public Node.ConformanceFault ConformanceFault { get; init; }
}
