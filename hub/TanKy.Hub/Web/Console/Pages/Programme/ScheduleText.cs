using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Web.Console.Pages.Programme;

/// <summary>
/// The schedule feature's words (<c>sched.*</c>) in one fixed language, for code outside a request
/// (tests of <c>schedules check|agenda</c>). The CLI itself looks them up in its chosen language.
/// </summary>
public static class ScheduleText
{
    /// <summary>The lookup for one language ("vi", the default, or "en").</summary>
    public static Func<string, string> For(string language)
    {
        var lang = language == "en" ? "en" : "vi";
        return key => HubText.Default.Get(key, lang);
    }
}
