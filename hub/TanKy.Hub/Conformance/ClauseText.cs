using System.Globalization;
using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Conformance;

/// <summary>
/// Clause names and reasons as text keys (<c>conf2.*</c>): a run stores them encoded
/// (<see cref="TextMessage.Encode"/>, <c>key|arg|…</c>) in <c>conformance_runs.report</c>, and the
/// HTTP answer and the CLI show them in the reader's language. A reason of several problems is
/// the encoded parts joined by <c>"; "</c>.
/// </summary>
public static class ClauseText
{
    private const string Join = "; ";

    /// <summary>The stored form of a message. Arguments are written invariantly; a "; " inside one becomes ", " so the parts stay apart.</summary>
    public static string M(string key, params object?[] args) =>
        new TextMessage(key, args.Select(a => (object?)(Convert.ToString(a, CultureInfo.InvariantCulture) ?? "").Replace(Join, ", ", StringComparison.Ordinal)).ToArray()).Encode();

    /// <summary>Several stored messages as one reason.</summary>
    public static string All(IEnumerable<string> parts) => string.Join(Join, parts);

    /// <summary>A number for a reason, invariant, with <paramref name="format"/> (<c>0.#</c>).</summary>
    public static string N(double value, string format = "0") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>A stored name or reason in <paramref name="language"/>; text written before keys is shown as written.</summary>
    public static string Render(string? stored, string language, HubText text) =>
        string.Join(Join, (stored ?? "").Split(Join).Select(p => text.Render(p, language)));

    /// <summary>The report with every clause's name and reason in <paramref name="language"/> (machine fields unchanged).</summary>
    public static ConformanceReport In(this ConformanceReport report, string language, HubText text) => report with
    {
        Clauses = report.Clauses.Select(c => c with { Name = Render(c.Name, language, text), Reason = Render(c.Reason, language, text) }).ToList(),
    };
}
