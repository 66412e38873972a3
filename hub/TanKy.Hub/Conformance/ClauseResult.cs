namespace TanKy.Hub.Conformance;

/// <summary>
/// One protocol clause checked: its section (<c>§4.5</c>), what was checked, the verdict
/// (<see cref="Pass"/> or <see cref="Fail"/>), why, and what was measured.
/// </summary>
public sealed record ClauseResult(string Clause, string Name, string Verdict, string Reason, IReadOnlyDictionary<string, double>? Figures = null)
{
    public const string Pass = "pass";

    public const string Fail = "fail";

    public bool Passed => Verdict == Pass;

    public static ClauseResult Ok(string clause, string name, string reason, IReadOnlyDictionary<string, double>? figures = null) => new(clause, name, Pass, reason, figures);

    public static ClauseResult Failed(string clause, string name, string reason, IReadOnlyDictionary<string, double>? figures = null) => new(clause, name, Fail, reason, figures);
}
