namespace TanKy.Hub.Schedules.Airing;

/// <summary>One row of <c>broadcast_decisions</c> for an airing's broadcast in one zone.</summary>
internal sealed record AiringDecision(string Decision, long OffsetMs, string? ByBroadcast, string? Reason);
