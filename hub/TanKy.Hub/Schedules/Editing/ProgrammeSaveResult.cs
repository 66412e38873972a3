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

    /// <summary>
    /// A reason given as a key of the console's text (<c>@sched.edit.badEvery</c>), for the reasons
    /// the editor itself finds; the page shows it in the reader's language (<see cref="IsTextKey"/>).
    /// </summary>
    public static string TextKey(string key) => "@" + key;

    public static bool IsTextKey(string reason, out string key)
    {
        key = reason.Length > 1 && reason[0] == '@' ? reason[1..] : "";
        return key.Length > 0;
    }

    public IReadOnlyList<string> ErrorsOf(string field) => FieldErrors.TryGetValue(field, out var list) ? list : [];
}
