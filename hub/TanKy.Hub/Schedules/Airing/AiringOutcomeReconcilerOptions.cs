namespace TanKy.Hub.Schedules.Airing;

/// <summary>How often fired airings are settled from the broadcast tables (<c>Schedules:OutcomeInterval</c>).</summary>
internal sealed record AiringOutcomeReconcilerOptions(TimeSpan Interval);
