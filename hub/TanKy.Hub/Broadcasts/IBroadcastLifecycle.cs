namespace TanKy.Hub.Broadcasts;

/// <summary>
/// Told when a broadcast's stream goes on the air and when the broadcast ends for good, so the
/// gateway outputs (amplifier relay, status LED) and the LED headlines can follow broadcasts.
/// Called outside the service's lock, one event at a time and in the order the events happened
/// (a stream's start always before its broadcast's end): keep it quick, never throw.
/// </summary>
public interface IBroadcastLifecycle
{
    /// <summary>A stream of <paramref name="record"/> starts in <paramref name="zones"/> at hub-clock <paramref name="playoutStart"/>.</summary>
    void OnStreamStarted(BroadcastRecord record, IReadOnlyList<string> zones, DateTimeOffset playoutStart);

    /// <summary>The broadcast ended (finished, cancelled, skipped or failed) with <paramref name="status"/>.</summary>
    void OnEnded(BroadcastRecord record, string status);
}
