using TanKy.Hub.Shared.Text;
using Microsoft.Extensions.Logging;
using TanKy.Hub.Accounts;
using TanKy.Protocol;

namespace TanKy.Hub.Emergency;

/// <summary>
/// The one door for person-initiated emergencies (HTTP, CLI, console): authorise, audit, then trigger.
/// The audit row is written before the engine is called, so even a crash mid-trigger leaves
/// a trace of who asked; a failure of the engine is added to that row's reason.
/// </summary>
public sealed class EmergencyGuard(IEmergencyTrigger trigger, TriggerAudit audit, ILogger<EmergencyGuard> log)
{
    public async Task<GuardedTriggerResult> TriggerAsync(User user, EmergencyRequest request, string? remote, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(request);
        var outcome = EmergencyAuthorizer.Authorize(user, request.Zones);
        if (!outcome.Allowed)
        {
            return Refuse(user, request, remote, outcome.Reason, Describe(request));
        }

        var auditId = audit.Record(Attempt(user, request, remote, Describe(request), true, outcome.Reason));
        string id;
        try
        {
            id = await trigger.TriggerAsync(request, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A refusal with a text key (unknown media…) is kept as the key, shown in the reader's language.
            audit.SetFailed(auditId, ex is Shared.Text.ILocalizedError localized ? localized.Text.Encode() : TriggerAudit.Failed);
            throw;
        }

        audit.SetBroadcast(auditId, id);
        log.LogWarning("Emergency {Id} started by {User} via {Channel} from {Remote} for zones {Zones}", id, user.Name, request.Channel.ToWire(), remote, string.Join(',', request.Zones));
        return new GuardedTriggerResult(true, outcome.Reason, id, auditId);
    }

    /// <summary>
    /// Writes the refusal of a request that will not be carried out. <paramref name="what"/> names
    /// the content as it was asked for (the clip ids, the uploaded file, the text), which a refused
    /// request never gets to resolve.
    /// </summary>
    public GuardedTriggerResult Refuse(User user, EmergencyRequest draft, string? remote, string reason, string what)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(draft);
        var auditId = audit.Record(Attempt(user, draft, remote, what, false, reason));
        log.LogWarning("Refused emergency by {User} ({Role}) via {Channel} from {Remote} for zones {Zones}: {Reason}", user.Name, user.Role.ToWire(), draft.Channel.ToWire(), remote, string.Join(',', draft.Zones), reason);
        return new GuardedTriggerResult(false, reason, null, auditId);
    }

    /// <summary>
    /// What was asked for, as a stored text message (<c>api2.what.*</c>) shown in the reader's
    /// language; <paramref name="source"/> (a CAP message) goes first, with the <c>.from</c> keys.
    /// </summary>
    internal static string Describe(EmergencyRequest r, string? source = null)
    {
        var cls = "class." + r.Class.ToWire();
        var text = r.Headline ?? r.SpeechText;
        var media = string.Join('+', r.MediaIds);
        (string Key, object?[] Args) what = r.MediaIds.Count > 0
            ? text is null ? ("api2.what.media", [cls, media]) : ("api2.what.media-text", [cls, media, text])
            : text is null ? ("api2.what.none", [cls]) : ("api2.what.text", [cls, text]);
        var (key, args) = what;
        return (source is null ? new TextMessage(key, args) : new TextMessage(key + ".from", [source, .. args])).Encode();
    }

    private static TriggerAttempt Attempt(User user, EmergencyRequest r, string? remote, string what, bool allowed, string reason) =>
        new(user.Name, user.Role.ToWire(), r.Channel, TriggerAction.Start, r.Class, what, r.Zones, remote, allowed, reason);
}
