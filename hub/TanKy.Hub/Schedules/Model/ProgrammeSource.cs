namespace TanKy.Hub.Schedules.Model;

/// <summary>Where a programme and its parts were written, so every error can point at the exact node.</summary>
public sealed record ProgrammeSource(SourceLocation At, IReadOnlyDictionary<string, SourceLocation> Parts)
{
    /// <summary>The location of a part (<c>id</c>, <c>zone:khoi-1</c>, <c>media:m-…</c>, <c>recurrence</c>…), else the programme's.</summary>
    public SourceLocation Of(string part) => Parts.TryGetValue(part, out var at) ? at : At;
}
