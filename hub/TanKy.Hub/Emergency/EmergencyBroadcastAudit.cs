using TanKy.Hub.Broadcasts;
using TanKy.Protocol;

namespace TanKy.Hub.Emergency;

/// <summary>
/// Emergency's side of Broadcasts' <see cref="IBroadcastAudit"/> port: starts, stops and refusals
/// through <c>/api/v1/broadcasts</c> land in the same <c>emergency_audit</c> as every other path.
/// </summary>
internal sealed class EmergencyBroadcastAudit(TriggerAudit audit) : IBroadcastAudit
{
    public long Record(BroadcastAuditEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var channel = EnumWire.TryParse<TriggerChannel>(e.Channel, out var c) ? c.Value : TriggerChannel.Api;
        return audit.Record(new TriggerAttempt(e.Actor, e.Role, channel, e.IsStop ? TriggerAction.Stop : TriggerAction.Start, e.Class,
            e.What, e.Zones, e.Remote, e.Allowed, e.Reason, e.BroadcastId));
    }

    public void Completed(long auditId, string? broadcastId, string? failure)
    {
        if (broadcastId is not null)
        {
            audit.SetBroadcast(auditId, broadcastId);
        }

        if (failure is not null)
        {
            audit.SetFailed(auditId, failure);
        }
    }
}
