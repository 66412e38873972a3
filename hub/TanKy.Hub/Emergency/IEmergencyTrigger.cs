namespace TanKy.Hub.Emergency;

/// <summary>
/// The port from every emergency source (API, gateway button, CAP intake) to the broadcast
/// engine. Implemented by the broadcast engine; the sources never stream audio themselves.
/// </summary>
public interface IEmergencyTrigger
{
    /// <summary>Starts the broadcast now and returns its id (used later to cancel it).</summary>
    Task<string> TriggerAsync(EmergencyRequest request, CancellationToken ct);

    /// <summary>
    /// Stops a broadcast started by <see cref="TriggerAsync"/>; unknown or finished ids are ignored.
    /// <paramref name="stoppedBy"/> names who stops it (a user name, "CAP &lt;identifier&gt;"); the engine
    /// words the end reason around it, so a sentence here would be said twice ("stopped by cancelled by…").
    /// </summary>
    Task CancelAsync(string broadcastId, string stoppedBy, CancellationToken ct);
}
