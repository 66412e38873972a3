using TanKy.DeviceSim.Audio;
using TanKy.DeviceSim.Node;

namespace TanKy.DeviceSim.Fleet;

/// <summary>How a <see cref="FleetRunner"/> runs a fleet file. Null host/port: the file's broker.</summary>
public sealed record FleetRunOptions
{
    public string? Host { get; init; }

    public int? Port { get; init; }

    public TimeSpan TelemetryInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Run only the first N devices of the file.</summary>
    public int? Limit { get; init; }

    /// <summary>True: every node starts at once (a connect storm). False: one every <see cref="StaggerDelay"/>.</summary>
    public bool StartAllAtOnce { get; init; }

    public TimeSpan StaggerDelay { get; init; } = TimeSpan.FromMilliseconds(20);

    public TimeSpan ReconnectBase { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectCap { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan RebootDelay { get; init; } = TimeSpan.FromSeconds(2);

    public bool AllowUntrustedCertificates { get; init; }

    /// <summary>Faults every node injects (random link losses, latency).</summary>
    public FaultOptions Faults { get; init; } = FaultOptions.None;

    /// <summary>Every so often, kill one random online node abruptly (its will is published).</summary>
    public TimeSpan? KillEvery { get; init; }

    /// <summary>A killed node boots again (new boot id) after this delay.</summary>
    public TimeSpan PowerBackAfter { get; init; } = TimeSpan.FromSeconds(5);

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Each node's own clock is off by a uniform random amount within ±this.</summary>
    public TimeSpan ClockOffsetSpread { get; init; }

    /// <summary>Speakers write WAV files here (see <see cref="NodeOptions.AudioOutputDirectory"/>).</summary>
    public string? AudioOutputDirectory { get; init; }

    /// <summary>Speakers' sink factory; null: WAV files if a directory is set, else decode and discard.</summary>
    public AudioSinkFactory? AudioSink { get; init; }

    /// <summary>
    /// Window over which each node's clock-sync burst starts at random (protocol.md §8.2.2);
    /// null: the schedule's default (0–2 s). A large fleet that connects at once spreads its
    /// bursts over a longer window so the broker is not flooded.
    /// </summary>
    public TimeSpan? ClockSyncWindow { get; init; }
}
