using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

// The assembly is "tanky-hub" but its resources are named after the root namespace; the
// localizer factory needs to be told, or it looks for "tanky-hub.Resources.Text.core".
[assembly: RootNamespace("TanKy.Hub")]

namespace TanKy.Hub.Shared.Text;

/// <summary>
/// Localisation on ASP.NET Core's own mechanism: <c>AddLocalization</c> (resource files under
/// <c>Resources/</c>), and a request culture for the console and the API chosen from the
/// <c>tanky.lang</c> cookie (the VI/EN switch), then Accept-Language, then Vietnamese. Only the UI
/// culture follows the request: number and date formats stay the hub's own (pages format dates
/// through the console's time helper), so a switch of language does not change "16.2" into "16,2".
/// </summary>
public static class TextRegistration
{
    public static readonly string[] Languages = ["vi", "en"];

    public static IServiceCollection AddHubText(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = HubText.ResourcesPath);
        services.AddSingleton(sp => new HubText(sp.GetRequiredService<IStringLocalizerFactory>()));
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var ui = Languages.Select(CultureInfo.GetCultureInfo).ToList();
            o.DefaultRequestCulture = new RequestCulture(CultureInfo.InvariantCulture, ui[0]);
            o.SupportedCultures = [CultureInfo.InvariantCulture];
            o.SupportedUICultures = ui;
            o.FallBackToParentUICultures = true;
            o.RequestCultureProviders =
            [
                new CustomRequestCultureProvider(http => Task.FromResult(FromCookie(http))),
                new AcceptLanguageHeaderRequestCultureProvider { Options = o },
            ];
        });
        return services;
    }

    /// <summary>First in the pipeline, so problem texts written by later middleware are localised too.</summary>
    public static void UseHubText(this WebApplication app) => app.UseRequestLocalization();

    // The switch stores "vi" or "en" as is (not the "c=..|uic=.." format of CookieRequestCultureProvider).
    private static ProviderCultureResult? FromCookie(HttpContext http) =>
        http.Request.Cookies[HubText.LanguageCookie] is ("vi" or "en") and var code ? new ProviderCultureResult(code) : null;
}
