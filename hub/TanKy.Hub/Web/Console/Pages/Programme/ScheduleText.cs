using TanKy.Hub.Web.Console.Text;

namespace TanKy.Hub.Web.Console.Pages.Programme;

/// <summary>
/// The schedule feature's words (<c>sched.*</c>) for code outside a request: the CLI's
/// <c>schedules check|agenda</c>. Schedules sits below Web and cannot read the console's text
/// itself, so the CLI root (above Web) passes this lookup down.
/// </summary>
public static class ScheduleText
{
    private static readonly Lazy<ConsoleText> Text = new(() => new ConsoleText());

    /// <summary>The lookup for one language ("vi", the default, or "en").</summary>
    public static Func<string, string> For(string language)
    {
        var lang = language == "en" ? "en" : "vi";
        return key => Text.Value.Get(key, lang);
    }
}
