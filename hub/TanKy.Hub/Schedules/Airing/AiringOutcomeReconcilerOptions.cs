namespace TanKy.Hub.Schedules.Airing;

/// <summary>
/// How often fired airings are settled from the broadcast tables: setting
/// <c>Schedules:OutcomeInterval</c> (default 2 s, 50 ms – 10 min; checked when the hub starts).
/// </summary>
internal sealed class AiringOutcomeReconcilerOptions
{
    public const string Section = "Schedules";

    public const string RangeProblem = "Schedules:OutcomeInterval must be 50 ms – 10 min";

    public TimeSpan OutcomeInterval { get; set; } = TimeSpan.FromSeconds(2);

    public bool IsValid => OutcomeInterval >= TimeSpan.FromMilliseconds(50) && OutcomeInterval <= TimeSpan.FromMinutes(10);
}
