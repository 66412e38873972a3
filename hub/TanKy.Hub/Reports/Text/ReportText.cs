using System.Globalization;
using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Reports.Text;

/// <summary>
/// The report's words, from <c>Resources/Text/reports2.resx</c> (Vietnamese) and
/// <c>reports2.en.resx</c> through the hub's localizer (<see cref="HubText"/>, in Shared, so the CLI
/// writes reports without Web). The report itself is a Vietnamese document; English is there for
/// error messages asked in English and for `--headers en`.
/// </summary>
internal static class ReportText
{
    private const string Area = "reports2";

    public static IReadOnlyCollection<string> Keys =>
        HubText.Default.AreaOf.Where(a => a.Value == Area).Select(a => a.Key).ToList();

    /// <summary>The Vietnamese text of a key, formatted with <paramref name="args"/> (vi-VN numbers).</summary>
    public static string Get(string key, params object?[] args) => In("vi", key, args);

    public static string In(string language, string key, params object?[] args)
    {
        var text = HubText.Default.Get(key, language == "en" ? "en" : "vi");
        return args.Length == 0 ? text : string.Format(CultureInfo.GetCultureInfo(language == "en" ? "en-GB" : "vi-VN"), text, args);
    }
}
