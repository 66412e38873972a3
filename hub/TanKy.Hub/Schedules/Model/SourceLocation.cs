namespace TanKy.Hub.Schedules.Model;

/// <summary>Where something was written: file (as given), 1-based line and column.</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
