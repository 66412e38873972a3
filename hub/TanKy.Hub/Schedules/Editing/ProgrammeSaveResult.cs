using System.Globalization;
using TanKy.Hub.Schedules.Model;

namespace TanKy.Hub.Schedules.Editing;

/// <summary>
/// What saving a programme from the console did. When refused, nothing was written: each
/// validator error sits under the form field its line holds, or among <see cref="General"/>
/// (errors of other files, or of the folder).
/// </summary>
public sealed record ProgrammeSaveResult(bool Saved, string? File, IReadOnlyDictionary<string, IReadOnlyList<string>> FieldErrors, IReadOnlyList<string> General)
{
    public static ProgrammeSaveResult Done(string file) => new(true, file, new Dictionary<string, IReadOnlyList<string>>(), []);

    public static ProgrammeSaveResult Refused(string reason) => new(false, null, new Dictionary<string, IReadOnlyList<string>>(), [reason]);

    public static ProgrammeSaveResult OnField(string field, string reason) =>
        new(false, null, new Dictionary<string, IReadOnlyList<string>> { [field] = [reason] }, []);

    private const char Place = '\u001E';
    private const char Arg = '\u001F';

    /// <summary>
    /// A reason given as a key of the console's text (<c>@sched.edit.badEvery</c>), for the reasons
    /// the editor itself finds; the page shows it in the reader's language (<see cref="Render"/>).
    /// </summary>
    public static string TextKey(string key, params string[] args) => "@" + string.Join(Arg, args.Prepend(key));

    /// <summary>A validator error as a reason string: optional place, then <c>@key</c> and its arguments.</summary>
    public static string Encode(string? place, ScheduleError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return (place is null ? "" : place + Place) + "@" + string.Join(Arg, error.Args.Prepend(error.Key));
    }

    /// <summary>A reason in words: text keys through <paramref name="text"/>, plain text as it is.</summary>
    public static string Render(string reason, Func<string, string> text)
    {
        ArgumentNullException.ThrowIfNull(reason);
        ArgumentNullException.ThrowIfNull(text);
        var cut = reason.IndexOf(Place, StringComparison.Ordinal);
        var (place, body) = cut < 0 ? ("", reason) : (reason[..cut] + ": ", reason[(cut + 1)..]);
        if (body.Length < 2 || body[0] != '@')
        {
            return place + body;
        }

        var parts = body[1..].Split(Arg);
        return place + string.Format(CultureInfo.InvariantCulture, text(parts[0]), [.. parts.Skip(1)]);
    }

    public IReadOnlyList<string> ErrorsOf(string field) => FieldErrors.TryGetValue(field, out var list) ? list : [];
}
