using TanKy.Hub.Broadcasts.Arbitration;
using TanKy.Hub.Shared.Text;
using TanKy.Protocol;

namespace TanKy.Hub.Broadcasts.Api;

/// <summary>One arbitration decision as the API shows it; its reason (a stored text message) in the reader's language.</summary>
internal sealed record BroadcastDecisionDto(string Zone, string Decision, DateTimeOffset At, long OffsetMs, string? By, string? Reason)
{
    public static BroadcastDecisionDto From(ArbiterDecision d, string language) =>
        new(d.Zone, d.Kind.ToWire(), d.At, (long)d.Offset.TotalMilliseconds, d.By, d.Reason is null ? null : HubText.Default.Render(d.Reason, language));
}
