using System.Globalization;
using System.Text.RegularExpressions;

namespace TanKy.Hub.Emergency.Cap;

/// <summary>Lexical rules of CAP 1.2 values (§3.3): date-times, identifiers, enumerations, language tags.</summary>
internal static partial class CapValues
{
    /// <summary>The twelve CAP 1.2 categories.</summary>
    public static readonly IReadOnlySet<string> Categories = new HashSet<string>(StringComparer.Ordinal)
    {
        "Geo", "Met", "Safety", "Security", "Rescue", "Fire", "Health", "Env", "Transport", "Infra", "CBRNE", "Other",
    };

    public static readonly IReadOnlySet<string> ResponseTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "Shelter", "Evacuate", "Prepare", "Execute", "Avoid", "Monitor", "Assess", "AllClear", "None",
    };

    /// <summary>
    /// CAP 1.2 §3.3.2: "2002-05-24T16:49:00-07:00"; an explicit numeric offset is required, "Z" is
    /// not allowed and UTC is written "-00:00". Stricter than RFC 3339 on purpose: the standard says so.
    /// </summary>
    public static bool TryParseDateTime(string text, out DateTimeOffset value, out string? problem)
    {
        value = default;
        if (!DateTimePattern().IsMatch(text))
        {
            problem = text.EndsWith('Z')
                ? $"'{text}' uses 'Z'; CAP 1.2 requires a numeric offset (write UTC as -00:00)"
                : $"'{text}' is not a CAP date-time like 2026-11-28T06:00:00+07:00";
            return false;
        }

        if (!DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out value))
        {
            problem = $"'{text}' is not a valid calendar date-time";
            return false;
        }

        problem = null;
        return true;
    }

    public static string FormatDateTime(DateTimeOffset value) => value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>identifier and sender: no whitespace, no comma (they are joined by commas in references), no &lt; or &amp;.</summary>
    public static string? IdentifierProblem(string text) =>
        text.Length == 0 ? "must not be empty"
        : text.Length > 512 ? "longer than 512 characters"
        : text.Any(c => char.IsWhiteSpace(c) || c is ',' or '<' or '&' || char.IsControl(c)) ? $"'{text}' must not contain spaces, commas, '<' or '&'"
        : null;

    public static bool TryParseEnum<T>(string text, out T value)
        where T : struct, Enum
    {
        // Case-sensitive and names only: "actual" or "1" are not CAP values.
        value = default;
        return Enum.GetNames<T>().Contains(text, StringComparer.Ordinal) && Enum.TryParse(text, ignoreCase: false, out value);
    }

    public static string EnumChoices<T>()
        where T : struct, Enum => string.Join(", ", Enum.GetNames<T>());

    /// <summary>RFC 3066 language tag, as CAP's xs:language.</summary>
    public static bool IsLanguageTag(string text) => LanguagePattern().IsMatch(text);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex DateTimePattern();

    [GeneratedRegex(@"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguagePattern();
}
