using System.Globalization;

namespace TanKy.Hub.Schedules.Model;

/// <summary>
/// One problem in the schedule files, printed as <c>file:line:column: reason</c>. The reason is a
/// key of the console's text (<c>sched.err.*</c> in Resources/Text/programme2.resx) with its
/// arguments, so the CLI and the console say it in the reader's language; Schedules itself has
/// no text (it sits below Web). <see cref="Reason"/> is the language-neutral form for logs.
/// </summary>
public sealed record ScheduleError(SourceLocation Location, string Key, IReadOnlyList<string> Args)
{
    /// <summary>Key and arguments, for logs and tests: <c>sched.err.time: 25:00</c>.</summary>
    public string Reason => Args.Count == 0 ? Key : $"{Key}: {string.Join(" | ", Args)}";

    /// <summary>
    /// The reason in words, from the caller's text for <see cref="Key"/>. An argument that is itself
    /// a text key (<c>sched2.what.date-entry</c>: what the parser expected) is shown as its text; any
    /// other argument (a value from the file) as written.
    /// </summary>
    public string Text(Func<string, string> text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Format(CultureInfo.InvariantCulture, text(Key), [.. Args.Select(a => Word(a, text))]);
    }

    private static string Word(string arg, Func<string, string> text) =>
        arg.StartsWith("sched2.what.", StringComparison.Ordinal) && text(arg) is var word && !word.StartsWith('[') ? word : arg;

    /// <summary><c>file:line:column: reason in words</c>.</summary>
    public string ToString(Func<string, string> text) => $"{Location}: {Text(text)}";

    public override string ToString() => $"{Location}: {Reason}";

    public bool Equals(ScheduleError? other) =>
        other is not null && Location == other.Location && Key == other.Key && Args.SequenceEqual(other.Args);

    public override int GetHashCode() => HashCode.Combine(Location, Key, Args.Count > 0 ? Args[0] : null);
}
