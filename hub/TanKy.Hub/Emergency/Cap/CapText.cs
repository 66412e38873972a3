using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace TanKy.Hub.Emergency.Cap;

/// <summary>
/// The text for a key (Resources/Text/cap.resx) in the request's language. Emergency sits below
/// Web, so it cannot reach the console's text tables itself: Web registers this delegate
/// (ConsoleRegistration). Without it the key is shown in brackets, as a missing entry is everywhere.
/// </summary>
public delegate string CapText(HttpContext http, string key);

internal static class CapTextExtensions
{
    public static string Say(this HttpContext http, string key, params object[] args)
    {
        var text = http.RequestServices.GetService<CapText>()?.Invoke(http, key) ?? $"[{key}]";
        return args.Length == 0 ? text : string.Format(System.Globalization.CultureInfo.InvariantCulture, text, args);
    }
}
