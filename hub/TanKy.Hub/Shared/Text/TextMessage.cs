namespace TanKy.Hub.Shared.Text;

/// <summary>
/// A user-facing message as a text key and its arguments, translated where it is shown (page,
/// API problem, CLI line, audit row) into that reader's language, never glued together in code.
/// Stored rows (audit reasons) keep it as <see cref="Encode"/>: <c>key|arg|arg</c>, read back by
/// <see cref="HubText.Render"/>; text recorded before keys existed is shown as it was written.
/// </summary>
public sealed record TextMessage(string Key, params object?[] Args)
{
    private const char Separator = '|';

    /// <summary>English, for logs and exception messages read by developers.</summary>
    public override string ToString() => HubText.Default.Format(this, "en");

    /// <summary>The form kept in a database column: the key, then each argument after a '|'.</summary>
    public string Encode() =>
        Key + string.Concat(Args.Select(a => Separator + (Convert.ToString(a, System.Globalization.CultureInfo.InvariantCulture) ?? "").Replace(Separator, '/')));

    /// <summary>A stored value that starts with a key (<c>area.word…</c>), or null for free text.</summary>
    public static TextMessage? Decode(string? stored)
    {
        if (stored is null)
        {
            return null;
        }

        var parts = stored.Split(Separator);
        return IsKey(parts[0]) ? new TextMessage(parts[0], parts[1..]) : null;
    }

    // "area.word-word…": lower-case letters, digits, dots and dashes, starting with a letter, with a dot.
    private static bool IsKey(string s) =>
        s.Length > 2 && s[0] is >= 'a' and <= 'z' && s.Contains('.', StringComparison.Ordinal) && !s.EndsWith('.')
        && s.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-');
}
