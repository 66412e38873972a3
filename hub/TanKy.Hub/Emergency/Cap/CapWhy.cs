namespace TanKy.Hub.Emergency.Cap;

/// <summary>
/// The reason for a CAP decision as data: a text key (<c>cap.why.KEY</c> in the console's text
/// files, with <c>{0}</c>… for <see cref="Args"/>) and, when no zone matched, each area's miss.
/// Kept beside the English <see cref="CapDecision.Reason"/> so the console can say it in Vietnamese.
/// </summary>
public sealed record CapWhy(string Key, IReadOnlyList<string> Args, IReadOnlyList<CapAreaMiss> Misses)
{
    public static CapWhy Of(string key, params string[] args) => new(key, args, []);

    public CapWhy With(string key, params string[] args) => new(key, args, Misses);
}
