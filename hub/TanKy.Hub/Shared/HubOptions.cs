
namespace TanKy.Hub.Shared;

/// <summary>Top-level settings (section <c>Hub</c>).</summary>
public sealed class HubOptions
{
    public const string Section = "Hub";

    /// <summary>Commune slug used as the topic root <c>tanky/v1/{site}</c>.</summary>
    public string Site { get; set; } = "tan-ky";

    /// <summary>Where the database, archive and broker state live. Relative paths are relative to the working directory.</summary>
    public string DataDir { get; set; } = "./data";

    /// <summary>How often the one-line fleet status is logged.</summary>
    public TimeSpan StatusLogInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Telemetry period assumed for a device that has not announced one.</summary>
    public int DefaultTelemetryIntervalSeconds { get; set; } = 30;

    /// <summary>A device is offline after this many telemetry periods of silence.</summary>
    public int SilentIntervalsBeforeOffline { get; set; } = 3;

    /// <summary>Telemetry rows kept per device (latest value is kept separately).</summary>
    public int TelemetryHistoryPerDevice { get; set; } = 200;

    /// <summary>
    /// How often queued telemetry and Wi-Fi counters are written, in one transaction. Every commit
    /// rewrites whole 4 KiB pages (WAL, then checkpoint), so this sets the SD card's wear; a power
    /// cut loses at most this much telemetry (acknowledged writes are committed at once).
    /// </summary>
    public TimeSpan TelemetryFlushInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>At most one history row per device per this interval (the latest value is always kept); zero keeps every message.</summary>
    public TimeSpan TelemetryHistoryInterval { get; set; } = TimeSpan.FromMinutes(5);
}
