using Microsoft.Extensions.Logging;

namespace TanKy.Hub.Emergency;

/// <summary>
/// Stands in until the broadcast engine registers its <see cref="IEmergencyTrigger"/>. It fails
/// loudly instead of pretending: a silent no-op would let the hub accept an emergency that
/// never sounds, and the CAP intake and the audit then record the failure.
/// </summary>
internal sealed class UnwiredEmergencyTrigger(ILogger<UnwiredEmergencyTrigger> log) : IEmergencyTrigger
{
    public Task<string> TriggerAsync(EmergencyRequest request, CancellationToken ct)
    {
        log.LogCritical("Emergency for zones {Zones} from {By} cannot play: no broadcast engine is registered", string.Join(',', request.Zones), request.RequestedBy);
        throw new InvalidOperationException("no broadcast engine is registered for emergencies");
    }

    public Task CancelAsync(string broadcastId, string stoppedBy, CancellationToken ct)
    {
        log.LogError("Cannot cancel broadcast {Id}: no broadcast engine is registered", broadcastId);
        return Task.CompletedTask;
    }
}
