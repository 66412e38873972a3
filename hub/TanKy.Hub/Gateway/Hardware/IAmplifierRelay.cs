namespace TanKy.Hub.Gateway.Hardware;

/// <summary>
/// The relay that powers the amplifier of a legacy wired/FM cluster. The broadcast engine calls
/// <see cref="PrepareAsync"/> before play-out and <see cref="Release"/> after; both are no-ops
/// for broadcasts that do not target the gateway's own zone.
/// </summary>
internal interface IAmplifierRelay
{
    bool IsOn { get; }

    /// <summary>Switches on at <paramref name="playoutStart"/> − pre-roll (at once if that has passed); completes when on. False when not involved.</summary>
    Task<bool> PrepareAsync(string broadcastId, IReadOnlyCollection<string> zones, DateTimeOffset playoutStart, CancellationToken ct);

    /// <summary>Switches off at <paramref name="playoutEnd"/> + hang time unless another broadcast still holds the relay.</summary>
    void Release(string broadcastId, DateTimeOffset playoutEnd);
}
