using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TanKy.Hub.Devices;
using TanKy.Hub.Media.Speech;
using TanKy.Protocol;

namespace TanKy.Hub.Emergency.Cap;

/// <summary>
/// Carries out CAP messages: parse, decide (<see cref="CapDecider"/>), act through
/// <see cref="IEmergencyTrigger"/>, record. Messages are handled one at a time so a duplicate
/// arriving on both the API and the folder cannot start two broadcasts. Before any of that the
/// sender is authenticated (<see cref="CapSenderAuthenticator"/>): a message that cannot prove its
/// <c>sender</c>, or whose Update/Cancel references another sender's messages, is refused and audited.
/// </summary>
internal sealed class CapIntakeService(
    CapAlertStore store,
    CapSenderAuthenticator authenticator,
    IEmergencyTrigger trigger,
    TriggerAudit audit,
    ZoneRegistry zones,
    DeviceRegistry devices,
    IOptions<CapOptions> options,
    TimeProvider time,
    ILogger<CapIntakeService> log,
    SpeechMedia? speech = null)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CapOptions _o = options.Value;
    private readonly CapAreaRules _rules = new(options.Value, log);

    public async Task<CapIntakeResult> SubmitAsync(byte[] xml, CapSubmission from, CancellationToken ct)
    {
        var parsed = CapParser.Parse(xml, _o.MaxBytes);
        if (!parsed.IsValid)
        {
            log.LogWarning("Refused a malformed CAP message from {Source} {Remote}: {Errors}", from.Source, from.Remote, string.Join(" | ", parsed.Errors));
            Audit(from, TriggerAction.Start, null, "malformed CAP message", [], false, string.Join(" | ", parsed.Errors));
            return CapIntakeResult.Rejected(parsed.Errors);
        }

        var alert = parsed.Alert;
        var auth = authenticator.Authenticate(alert, xml, from);
        var refusal = auth.Refusal ?? ForeignReferences(alert);
        if (refusal is not null)
        {
            // The token is never logged: CapSubmission prints without it, and only the reason is written.
            log.LogWarning("Refused CAP {Sender}/{Identifier} ({Status} {MsgType}) from {Source} {Remote}: {Reason}", alert.Sender, alert.Identifier, alert.Status, alert.MsgType, from.Source, from.Remote, refusal);
            var auditId = Audit(from, alert.MsgType == CapMsgType.Cancel ? TriggerAction.Cancel : TriggerAction.Start, null, $"CAP refused {alert.Sender}/{alert.Identifier} ({alert.Status} {alert.MsgType})", [], false, refusal);
            return CapIntakeResult.Refused(refusal, auditId);
        }

        await _gate.WaitAsync(ct);
        try
        {
            return await HandleAsync(alert, @from with { AuthenticatedBy = auth.Method }, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<CapIntakeResult> HandleAsync(CapAlert alert, CapSubmission from, CancellationToken ct)
    {
        var ctx = new CapDecisionContext(time.GetUtcNow(), store.IsSeen(alert.Sender, alert.Identifier, alert.Status == CapStatus.Actual), ZoneMap(), _o.SpeechMaxCharacters, _o.LedMaxCharacters);
        var decision = CapDecider.Decide(alert, ctx);
        log.LogInformation("CAP {Sender}/{Identifier} ({Status} {MsgType}) from {Source}: {Action}, {Reason}", alert.Sender, alert.Identifier, alert.Status, alert.MsgType, from.Source, decision.Action.ToWire(), decision.Reason);
        if (decision.Why is { Misses.Count: > 0 } why)
        {
            // One entry per area and method tried, so an operator can tell a wrong code from a foreign place.
            log.LogWarning("CAP {Sender}/{Identifier} matched no zone of this commune: {AreaMisses}", alert.Sender, alert.Identifier, why.Misses.Select(m => m.ToString()).ToArray());
        }

        try
        {
            return decision.Action switch
            {
                CapAction.Broadcast or CapAction.Update => await StartAsync(alert, decision, from, ct),
                CapAction.Cancel => await CancelAsync(alert, decision, from, ct),
                _ => Recorded(alert, decision, from),
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "CAP {Sender}/{Identifier}: {Action} failed", alert.Sender, alert.Identifier, decision.Action.ToWire());
            // The list and the audit say what could not be done, in the reader's language; the
            // exception's own (English, technical) words are in the log line above only.
            var failed = CapWhy.Of(decision.Action == CapAction.Cancel ? "cancel-failed" : "start-failed");
            var english = $"{decision.Action.ToWire()} failed (details in the hub log)";
            store.Save(alert, from, "failed", english, decision, null, failed);
            Audit(from, decision.Action == CapAction.Cancel ? TriggerAction.Cancel : TriggerAction.Start, decision.Class, What(alert, decision.Action), decision.Zones, true, CapAuditReason.Of(failed, $"{decision.Reason}; {english}"));
            return new CapIntakeResult([], decision, null, [], CapAuditReason.Of(failed, english));
        }
    }

    /// <summary>
    /// An authenticated sender may cancel or update only its own messages: CAP references name
    /// their sender, and one naming another sender is refused, not silently dropped, so the
    /// province sees why nothing stopped.
    /// </summary>
    private static string? ForeignReferences(CapAlert alert)
    {
        if (alert.MsgType is not (CapMsgType.Cancel or CapMsgType.Update))
        {
            return null;
        }

        var foreign = alert.References.Where(r => !string.Equals(r.Sender, alert.Sender, StringComparison.Ordinal)).Select(r => $"{r.Sender},{r.Identifier}").ToList();
        return foreign.Count == 0
            ? null
            : $"{alert.MsgType} by '{alert.Sender}' references messages of another sender ({string.Join(' ', foreign)}); a sender may cancel or update only its own alerts";
    }

    private async Task<CapIntakeResult> StartAsync(CapAlert alert, CapDecision decision, CapSubmission from, CancellationToken ct)
    {
        var request = new EmergencyRequest(
            decision.Zones, decision.Class!.Value, await MediaFor(alert, decision, ct), decision.SpeechText, decision.LedText,
            Math.Max(1, _o.Repeat), _o.RepeatInterval, decision.Expires, "cap:" + alert.Sender, TriggerChannel.Cap, alert.AsReference.ToString());
        var broadcastId = await trigger.TriggerAsync(request, ct);
        var rowId = store.Save(alert, from, decision.Action.ToWire(), decision.Reason, decision, broadcastId, decision.Why);
        Audit(from, TriggerAction.Start, request.Class, EmergencyGuard.Describe(request, What(alert, decision.Action)), decision.Zones, true, CapAuditReason.Of(decision.Why, decision.Reason), broadcastId);

        // Update: the new broadcast is already running (latest emergency wins), so stopping the old one leaves no gap.
        var cancelled = await StopAsync(decision.References, rowId, alert, CapAuditReason.Of("sched2.cap.replaced-by", alert.Identifier), from, TriggerAction.Stop, ct);
        log.LogWarning("CAP {Identifier} started broadcast {BroadcastId} ({Class}) for {Zones}", alert.Identifier, broadcastId, decision.Class.Value.ToWire(), string.Join(',', decision.Zones));
        return new CapIntakeResult([], decision, broadcastId, cancelled, null);
    }

    private async Task<CapIntakeResult> CancelAsync(CapAlert alert, CapDecision decision, CapSubmission from, CancellationToken ct)
    {
        var cancelled = await StopAsync(decision.References, null, alert, CapAuditReason.Of("sched2.cap.cancelled-by", alert.Identifier), from, TriggerAction.Cancel, ct);
        var reason = cancelled.Count == 0 ? decision.Reason + "; nothing of theirs was playing" : decision.Reason + $"; stopped {string.Join(", ", cancelled)}";
        var why = cancelled.Count == 0
            ? CapWhy.Of("cancel-nothing", decision.Why is { Args.Count: > 0 } w ? w.Args[0] : "")
            : CapWhy.Of("cancel-stopped", decision.Why is { Args.Count: > 0 } v ? v.Args[0] : "", cancelled.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        store.Save(alert, from, decision.Action.ToWire(), reason, decision, null, why);
        if (cancelled.Count == 0)
        {
            // One row per stopped broadcast is written by StopAsync; a Cancel that stopped nothing still leaves one.
            Audit(from, TriggerAction.Cancel, null, What(alert, CapAction.Cancel), [], true, CapAuditReason.Of(why, reason));
        }
        return new CapIntakeResult([], decision with { Reason = reason, Why = why }, null, cancelled, null);
    }

    /// <summary>
    /// Stops what the references started. The engine words the end reason itself ("stopped by …"), so
    /// it is told only who stops: the CAP message, by identifier. <paramref name="auditReason"/> is the audit's sentence.
    /// </summary>
    private async Task<List<string>> StopAsync(IReadOnlyList<CapReference> references, long? replacedBy, CapAlert by, string auditReason, CapSubmission from, TriggerAction action, CancellationToken ct)
    {
        var what = What(by, action == TriggerAction.Cancel ? CapAction.Cancel : CapAction.Update);
        if (references.Count == 0)
        {
            return [];
        }

        var active = store.ActiveBroadcasts(references);
        foreach (var (rowId, broadcastId) in active)
        {
            var (cls, zones) = store.Target(rowId);
            Audit(from, action, EnumWire.TryParse<BulletinClass>(cls, out var c) ? c : null, what, zones, true, auditReason, broadcastId);
            await trigger.CancelAsync(broadcastId, StoppedBy(by), ct);
        }

        store.MarkEnded(active.Select(a => a.RowId), replacedBy);
        return active.Select(a => a.BroadcastId).ToList();
    }

    private CapIntakeResult Recorded(CapAlert alert, CapDecision decision, CapSubmission from)
    {
        if (!decision.Reason.StartsWith("duplicate", StringComparison.Ordinal))
        {
            store.Save(alert, from, decision.Action.ToWire(), decision.Reason, decision, null, decision.Why);
        }

        // An actual alert the hub will not act on (duplicate, no zone here, class too low) is a refusal;
        // Test, Exercise and the like are only recorded in cap_alerts.
        if (decision.Action == CapAction.Ignore && alert.Status == CapStatus.Actual)
        {
            Audit(from, alert.MsgType == CapMsgType.Cancel ? TriggerAction.Cancel : TriggerAction.Start, decision.Class, What(alert, decision.Action), decision.Zones, false, CapAuditReason.Of(decision.Why, decision.Reason));
        }

        return new CapIntakeResult([], decision, null, [], null);
    }

    /// <summary>One row in the emergency audit: the submitter (user or folder watcher) is the actor, the CAP sender is in <c>what</c>.</summary>
    private long Audit(CapSubmission from, TriggerAction action, BulletinClass? cls, string what, IReadOnlyCollection<string> zones, bool allowed, string reason, string? broadcastId = null) =>
        audit.Record(new TriggerAttempt(from.SubmittedBy, from.Role, TriggerChannel.Cap, action, cls, what, zones, from.Remote, allowed, reason, broadcastId));

    private static string What(CapAlert alert, CapAction action) => $"CAP {action.ToWire()} {alert.Sender}/{alert.Identifier}";

    /// <summary>Who stopped a broadcast, as the engine records it: "CAP PCTT-TK-2026-043" (an identifier, not a sentence).</summary>
    internal static string StoppedBy(CapAlert alert) => $"CAP {alert.Identifier}";

    /// <summary>Siren first, then the spoken message. A failed synthesis must not stop the siren: it is logged, and the text still travels in the request.</summary>
    private async Task<List<string>> MediaFor(CapAlert alert, CapDecision decision, CancellationToken ct)
    {
        var media = new List<string>();
        if (!string.IsNullOrWhiteSpace(_o.SirenMediaId))
        {
            media.Add(_o.SirenMediaId);
        }

        if (_o.SynthesizeSpeech && speech is not null && decision.SpeechText is { Length: > 0 } text)
        {
            try
            {
                var spoken = await speech.CreateAsync(text, $"CAP {alert.Identifier}: {decision.LedText}", "cap:" + alert.Sender, ct);
                media.Add(spoken.Item.Id);
            }
            catch (SpeechException ex)
            {
                log.LogError(ex, "CAP {Identifier}: speech synthesis failed; broadcasting without the spoken message", alert.Identifier);
            }
        }

        return media;
    }

    private CapZoneMap ZoneMap() => _rules.Map(
        zones.List().Select(z => new CapZoneMap.ZonePlace(z.Id, z.Name)).ToList(),
        devices.List().Where(d => d.Lat is not null && d.Lon is not null).Select(d => new CapZoneMap.DevicePlace(d.Id, d.Zones, new GeoPoint(d.Lat!.Value, d.Lon!.Value))).ToList());
}
