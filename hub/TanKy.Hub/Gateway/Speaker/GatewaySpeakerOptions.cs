namespace TanKy.Hub.Gateway.Speaker;

/// <summary>
/// The gateway as a speaker node (section <c>Gateway:Speaker</c>): the hub runs the node firmware
/// (<c>tanky-sim</c>) as a child process for one registry speaker in the gateway's own zone, and it
/// plays that zone's audio on the gateway's sound card.
/// </summary>
public sealed class GatewaySpeakerOptions
{
    public const string Section = "Gateway:Speaker";

    public bool Enabled { get; set; }

    /// <summary>Registry id of the gateway's speaker (kind <c>speaker</c>); added when missing.</summary>
    public string DeviceId { get; set; } = "gw-loa";

    /// <summary>The gateway's own zone; must exist in the registry.</summary>
    public string Zone { get; set; } = "";

    /// <summary>
    /// The node program. Unset: <c>tanky-sim</c> beside the hub binary, else <c>dotnet tanky-sim.dll</c>
    /// when only the dll is there.
    /// </summary>
    public string? Command { get; set; }

    /// <summary>Arguments put before <c>run --fleet …</c> (e.g. the dll when <see cref="Command"/> is <c>dotnet</c>).</summary>
    public List<string> Arguments { get; set; } = [];

    /// <summary><c>aplay</c> (the sound card) or <c>wav:DIR</c> (one WAV per stream in DIR, for tests).</summary>
    public string Output { get; set; } = "aplay";

    /// <summary>Wait before starting the node again after it exited.</summary>
    public TimeSpan RestartDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the node gets after SIGTERM (to publish offline) before it is killed.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The WAV directory when <see cref="Output"/> is <c>wav:DIR</c>, else null.</summary>
    public string? WavDirectory => Output.StartsWith("wav:", StringComparison.Ordinal) ? Output["wav:".Length..] : null;

    public bool HasValidOutput => Output == "aplay" || WavDirectory is { Length: > 0 };
}
