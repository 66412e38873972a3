using TanKy.DeviceSim.Commands;

namespace TanKy.DeviceSim.Node;

public enum NodeActivityKind
{
    Connected,
    Disconnected,
    ConnectFailed,
    TelemetrySent,
    DesiredApplied,
    DesiredIgnored,
    CommandHandled,
    MessageRejected,
    Rebooting,
    Killed,
    Stopped,
    ClockSynchronised,
    PlaybackStarted,
    PlaybackPreempted,
    PlaybackFinished,
    PlaybackRefused,

    /// <summary>A speaker's <c>zone/{z}/play</c> subscriptions changed (detail: the zones now subscribed, comma-separated).</summary>
    ZonesSubscribed,
}

/// <summary>
/// Something that happened to a node. One event stream (<see cref="SimulatedNode.Activity"/>)
/// carries them all, so the CLI prints them and tests await them without sleeping.
/// </summary>
/// <param name="Version">Desired version for DesiredApplied/DesiredIgnored.</param>
/// <param name="Seq">Telemetry sequence number for TelemetrySent.</param>
/// <param name="Detail">Human-readable reason (disconnect reason, rejection reason, connect error); the stream id for playback kinds.</param>
public sealed record NodeActivity(
    NodeActivityKind Kind,
    string DeviceId,
    string BootId,
    long? Version = null,
    long? Seq = null,
    CommandOutcome? Command = null,
    string? Detail = null);
