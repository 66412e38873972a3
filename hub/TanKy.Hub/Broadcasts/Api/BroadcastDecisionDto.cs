using TanKy.Hub.Broadcasts.Arbitration;
using TanKy.Protocol;

namespace TanKy.Hub.Broadcasts.Api;

/// <summary>One arbitration decision as the API shows it.</summary>
internal sealed record BroadcastDecisionDto(string Zone, string Decision, DateTimeOffset At, long OffsetMs, string? By, string? Reason)
{
    public static BroadcastDecisionDto From(ArbiterDecision d) =>
        new(d.Zone, d.Kind.ToWire(), d.At, (long)d.Offset.TotalMilliseconds, d.By, d.Reason);
}
