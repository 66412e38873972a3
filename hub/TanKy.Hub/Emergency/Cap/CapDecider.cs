using System.Globalization;
using TanKy.Protocol;

namespace TanKy.Hub.Emergency.Cap;

/// <summary>
/// The CAP rules of hub/docs/emergency.md as one pure function: duplicates, status, msgType,
/// expiry, class, zones and content, checked in that order so the reason names the first rule
/// that stopped a message.
/// </summary>
internal static class CapDecider
{
    public static CapDecision Decide(CapAlert alert, CapDecisionContext ctx)
    {
        if (ctx.AlreadySeen)
        {
            return CapDecision.Without(alert, CapAction.Ignore, $"duplicate: {alert.Sender} already sent identifier {alert.Identifier}", CapWhy.Of("duplicate", alert.Sender, alert.Identifier));
        }

        if (alert.Status != CapStatus.Actual)
        {
            return CapDecision.Without(alert, CapAction.RecordOnly, $"status {alert.Status}: recorded, never broadcast", CapWhy.Of("status", alert.Status.ToString()));
        }

        switch (alert.MsgType)
        {
            case CapMsgType.Ack or CapMsgType.Error:
                return CapDecision.Without(alert, CapAction.Ignore, $"msgType {alert.MsgType} needs no action", CapWhy.Of("no-action", alert.MsgType.ToString()));
            case CapMsgType.Cancel:
                return alert.References.Count == 0
                    ? CapDecision.Without(alert, CapAction.Ignore, "Cancel without references: nothing to stop", CapWhy.Of("cancel-no-refs"))
                    : CapDecision.Without(alert, CapAction.Cancel, $"Cancel of {alert.References.Count} earlier message(s)", CapWhy.Of("cancel", Ids(alert.References)), alert.References);
            default:
                return Act(alert, ctx);
        }
    }

    private static CapDecision Act(CapAlert alert, CapDecisionContext ctx)
    {
        var info = CapContent.Choose(alert);
        if (info is null)
        {
            return CapDecision.Without(alert, CapAction.Ignore, $"{alert.MsgType} without an info block: nothing to say", CapWhy.Of("no-info"));
        }

        if (info.Expires is { } expires && expires <= ctx.Now)
        {
            return CapDecision.Without(alert, CapAction.RecordOnly, $"expired at {CapValues.FormatDateTime(expires)}", CapWhy.Of("expired", CapValues.FormatDateTime(expires)));
        }

        var cls = CapClassTable.Classify(info.Urgency, info.Severity, info.Certainty);
        if (cls is null)
        {
            return CapDecision.Without(alert, CapAction.Ignore, $"urgency {info.Urgency}, severity {info.Severity}, certainty {info.Certainty}: nothing to announce", CapWhy.Of("no-class", info.Urgency.ToString(), info.Severity.ToString(), info.Certainty.ToString()));
        }

        // A Vietnamese block without areas borrows those of the other blocks (senders often put areas on one language only).
        var areas = info.Areas.Count > 0 ? info.Areas : alert.Infos.SelectMany(i => i.Areas);
        var resolution = CapZoneResolver.Resolve(areas, ctx.Map);
        if (resolution.Zones.Count == 0)
        {
            // Said in the log and kept for the console's CAP list, so "nothing happened" is never silent.
            return CapDecision.Without(alert, CapAction.Ignore, $"no area matches a zone of this commune: {string.Join("; ", resolution.Misses)}", new CapWhy("no-zone", [], resolution.Misses));
        }

        var update = alert.MsgType == CapMsgType.Update && alert.References.Count > 0;
        var reason = update
            ? $"Update of {alert.References.Count} earlier message(s): {cls.Value.ToWire()} to {resolution.Zones.Count} zone(s)"
            : $"{cls.Value.ToWire()} to {resolution.Zones.Count} zone(s) by {string.Join("; ", resolution.Sources)}";
        return new CapDecision(
            update ? CapAction.Update : CapAction.Broadcast,
            reason,
            alert.Sender,
            alert.Identifier,
            cls,
            resolution.Zones,
            resolution.Sources,
            CapContent.SpeechText(info, ctx.SpeechMaxCharacters),
            CapContent.LedText(info, ctx.LedMaxCharacters),
            info.Expires,
            update ? alert.References : [],
            update ? CapWhy.Of("update", cls.Value.ToWire(), resolution.Zones.Count.ToString(CultureInfo.InvariantCulture), Ids(alert.References))
                : CapWhy.Of("broadcast", cls.Value.ToWire(), resolution.Zones.Count.ToString(CultureInfo.InvariantCulture)));
    }

    private static string Ids(IEnumerable<CapReference> references) => string.Join(", ", references.Select(r => r.Identifier));
}
