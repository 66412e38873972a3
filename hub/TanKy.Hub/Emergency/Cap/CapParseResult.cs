using System.Diagnostics.CodeAnalysis;

namespace TanKy.Hub.Emergency.Cap;

/// <summary>A valid alert, or every reason it is not (path, line, what is wrong) — the HTTP 400 body.</summary>
internal sealed record CapParseResult(CapAlert? Alert, IReadOnlyList<string> Errors)
{
    [MemberNotNullWhen(true, nameof(Alert))]
    public bool IsValid => Alert is not null && Errors.Count == 0;
}
