using TanKy.Hub.Web.Console.Text;
using System.Text.Json;

namespace TanKy.Hub.Web.Console.Client;

/// <summary>
/// The strings a page's script needs, as a JSON object for <c>&lt;script type="application/json" id="page-strings"&gt;</c>
/// (read by <c>api.js strings()</c>): the script shows the same translated text as the page without a second table.
/// The default encoder escapes <c>&lt;</c>, so the JSON cannot close the script element.
/// </summary>
internal static class PageStrings
{
    /// <summary>Each entry is <c>jsKey=textKey</c>, or just a text key used for both.</summary>
    public static string Json(Translate t, params string[] entries)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var eq = entry.IndexOf('=', StringComparison.Ordinal);
            map[eq < 0 ? entry : entry[..eq]] = t(eq < 0 ? entry : entry[(eq + 1)..]);
        }

        return JsonSerializer.Serialize(map);
    }
}
