using Microsoft.Extensions.Logging;
using TanKy.Hub.Accounts;
using TanKy.Protocol;

namespace TanKy.Hub.Emergency;

/// <summary>
/// The one door for person-initiated emergencies (HTTP, CLI): authorise, audit, then trigger.
/// The audit row is written before the engine is called, so even a crash mid-trigger leaves
/// a trace of who asked.
/// </summary>
public sealed class EmergencyGuard(IEmergencyTrigger trigger, TriggerAudit audit, ILogger<EmergencyGuard> log)
{
    public async Task<GuardedTriggerResult> TriggerAsync(User user, EmergencyRequest request, string? remote, CancellationToken ct)
    {
        var outcome = EmergencyAuthorizer.Authorize(user, request.Zones);
        var what = Describe(request);
        var auditId = audit.Record(user.Name, user.Role.ToWire(), request.Channel, what, request.Zones, remote, outcome.Allowed, outcome.Reason);
        if (!outcome.Allowed)
        {
            log.LogWarning("Refused emergency by {User} ({Role}) from {Remote} for zones {Zones}: {Reason}", user.Name, user.Role.ToWire(), remote, string.Join(',', request.Zones), outcome.Reason);
            return new GuardedTriggerResult(false, outcome.Reason, null, auditId);
        }

        var id = await trigger.TriggerAsync(request, ct);
        audit.SetBroadcast(auditId, id);
        log.LogWarning("Emergency {Id} started by {User} from {Remote} for zones {Zones}", id, user.Name, remote, string.Join(',', request.Zones));
        return new GuardedTriggerResult(true, outcome.Reason, id, auditId);
    }

    internal static string Describe(EmergencyRequest r)
    {
        var content = r.MediaIds.Count > 0 ? "media " + string.Join('+', r.MediaIds) : "no media";
        var text = r.Headline ?? r.SpeechText;
        return text is null ? $"{r.Class.ToWire()}: {content}" : $"{r.Class.ToWire()}: {content}; \"{text}\"";
    }
}
