namespace TanKy.Hub.Conformance;

/// <summary>The outcome of one conformance run: one result per clause, in the order they ran.</summary>
public sealed record ConformanceReport(
    long Run,
    string Device,
    string Kind,
    string? Zone,
    string Protocol,
    string By,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    IReadOnlyList<ClauseResult> Clauses)
{
    /// <summary>The protocol text the kit checks against (hub/docs/protocol.md §9).</summary>
    public const string ProtocolDraft = "TanKy.Iot protocol v1 draft 6";

    public bool Passed => Clauses.Count > 0 && Clauses.All(c => c.Passed);

    public int PassedCount => Clauses.Count(c => c.Passed);

    public int FailedCount => Clauses.Count(c => !c.Passed);
}
