using TanKy.DeviceSim.Audio;
using TanKy.Protocol;
using TanKy.Protocol.Time;

namespace TanKy.DeviceSim.Node;

/// <summary>
/// Everything one simulated node needs to know: who it is and where its broker is — what a
/// factory flashes. Its zones are not here: a speaker learns them from its desired state (issue #15).
/// </summary>
public sealed record NodeOptions
{
    /// <summary>Commune slug, the third topic level (<c>tanky/v1/{site}</c>).</summary>
    public required string Site { get; init; }

    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; } = 1883;

    public bool UseTls { get; init; }

    /// <summary>Accept a self-signed broker certificate (tests, bench). Never on by default.</summary>
    public bool AllowUntrustedCertificates { get; init; }

    /// <summary>Device id: also the MQTT client id and user name.</summary>
    public required string DeviceId { get; init; }

    public required DeviceKind Kind { get; init; }

    /// <summary>The device's MQTT password. Never logged.</summary>
    public required string Secret { get; init; }

    public TimeSpan TelemetryInterval { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan ReconnectBase { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectCap { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a rebooting node stays away before it connects again.</summary>
    public TimeSpan RebootDelay { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Timeout of one MQTT connect attempt.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public string Firmware { get; init; } = "sim-1.0.0";

    public FaultOptions Faults { get; init; } = FaultOptions.None;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>How far the node's own clock is off (may be ±seconds): node clock = <see cref="Time"/> + offset (+ drift).</summary>
    public TimeSpan ClockOffset { get; init; }

    /// <summary>How fast the node's crystal runs, in ppm (+20: 20 µs fast per second). Real ones: within ±50.</summary>
    public double ClockDriftPpm { get; init; }

    /// <summary>Clock sync requests after each connect (speakers only); null: the node never syncs.</summary>
    public ClockSyncSchedule? ClockSync { get; init; } = ClockSyncSchedule.Default;

    /// <summary>Where a speaker's audio goes, one sink per stream. Null: WAV files in
    /// <see cref="AudioOutputDirectory"/> if set, else a <see cref="NullSink"/> that still decodes.</summary>
    public AudioSinkFactory? AudioSink { get; init; }

    /// <summary>Directory for <c>{device}.{stream}.wav</c> files (used when <see cref="AudioSink"/> is null).</summary>
    public string? AudioOutputDirectory { get; init; }

    /// <summary>Fails early with a clear message instead of a node that can never connect.</summary>
    public void Validate()
    {
        Identifiers.Require(Site, "site");
        Identifiers.Require(DeviceId, "device id");
        if (string.IsNullOrEmpty(Secret))
        {
            throw new ArgumentException($"device '{DeviceId}': secret is empty", nameof(Secret));
        }

        if (Port is < 1 or > 65535)
        {
            throw new ArgumentException($"device '{DeviceId}': port {Port} is not 1–65535", nameof(Port));
        }

        if (TelemetryInterval <= TimeSpan.Zero || ReconnectBase <= TimeSpan.Zero || ReconnectCap < ReconnectBase)
        {
            throw new ArgumentException($"device '{DeviceId}': telemetry interval and reconnect base must be > 0 and cap ≥ base");
        }

        if (Math.Abs(ClockDriftPpm) > 1000 || ClockOffset.Duration() > TimeSpan.FromDays(365))
        {
            throw new ArgumentException($"device '{DeviceId}': clock drift must be within ±1000 ppm and offset within a year");
        }

        Faults.Validate();
    }

    /// <summary>The sink factory in effect (see <see cref="AudioSink"/>).</summary>
    internal AudioSinkFactory ResolveAudioSink() =>
        AudioSink ?? (AudioOutputDirectory is { } dir ? WavFileSink.InDirectory(dir) : (_, _) => new NullSink());

    /// <summary>The telemetry period on the wire: whole seconds, 1–3600, as the schema demands.</summary>
    internal int WireInterval => (int)Math.Clamp(Math.Ceiling(TelemetryInterval.TotalSeconds), 1, 3600);
}
