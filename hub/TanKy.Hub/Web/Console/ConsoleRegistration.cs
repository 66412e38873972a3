using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using TanKy.Hub.Accounts;
using TanKy.Hub.Shared;
using TanKy.Hub.Web.Console.Audit;
using TanKy.Hub.Web.Console.Text;
using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Web.Console;

/// <summary>
/// The web console: server-rendered Razor Pages under <c>Web/Console/Pages</c>, static files
/// from <c>wwwroot</c> next to the binary, cookie sessions beside the API's bearer tokens.
/// </summary>
public static class ConsoleRegistration
{
    public static IServiceCollection AddConsole(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<ConsoleOptions>(config.GetSection(ConsoleOptions.Section));
        services.Configure<LoginOptions>(config.GetSection(LoginOptions.Section));
        services.AddSingleton<PasswordLogin>();
        services.AddSingleton<SetupState>();
        services.AddSingleton<ConsoleAudit>();
        services.AddSingleton<AuditLogQuery>();
        services.AddSingleton(sp => new ConsoleText(sp.GetRequiredService<HubText>()));
        services.AddScoped<Translate>(sp =>
        {
            var text = sp.GetRequiredService<ConsoleText>();
            var language = ConsoleText.LanguageOf(sp.GetRequiredService<IHttpContextAccessor>().HttpContext);
            return key => text.Get(key, language);
        });
        services.AddSingleton<ConsoleTime>();
        services.AddSingleton<ConsoleNames>();
        services.AddSingleton<Dashboard.DashboardQuery>();
        services.AddHttpContextAccessor();
        // Vietnamese as characters, not &#x...; entities: readable HTML and smaller pages.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        // Emergency/Cap's API texts live in Resources/Text/cap.resx; Emergency cannot reach them itself.
        services.AddSingleton<TanKy.Hub.Emergency.Cap.CapText>(sp => (http, key) => sp.GetRequiredService<ConsoleText>().Get(key, ConsoleText.LanguageOf(http)));
        AddSessionKeys(services);
        ConsoleAuth.Add(services);
        LoginRateLimit.Add(services);
        services.AddAntiforgery(o =>
        {
            o.HeaderName = ConsoleGuards.CsrfHeader;
            o.Cookie.Name = "tanky.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
        });
        var mvc = services.AddRazorPages(o => o.RootDirectory = "/Web/Console/Pages");
        // The pages are found through the entry assembly; under a test host that is not the hub.
        var hub = typeof(ConsoleRegistration).Assembly;
        if (!mvc.PartManager.ApplicationParts.OfType<AssemblyPart>().Any(p => p.Assembly == hub))
        {
            mvc.AddApplicationPart(hub);
        }

        return services;
    }

    /// <summary>
    /// The keys that sign session cookies and antiforgery tokens live in the data directory
    /// (<c>{DataDir}/keys</c>, mode 700), not in the default <c>~/.aspnet</c>: the service unit hides
    /// home directories (<c>ProtectHome</c>), and a key ring shared by every hub of one user let the
    /// year-ahead test runs (faketime) write keys dated 2028 into the ring of every other hub.
    /// Sessions survive a restart; a backup of the data directory carries them.
    /// </summary>
    private static void AddSessionKeys(IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("tanky-hub");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<HubOptions>, ILoggerFactory>((o, hub, logs) =>
        {
            var dir = Path.Combine(hub.Value.DataDir, "keys");
            Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            o.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(dir), logs);
        });
    }

    /// <summary>Static files before authentication: CSS and JS are public and cacheable.</summary>
    public static void UseConsoleStaticFiles(this WebApplication app)
    {
        var root = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (Directory.Exists(root))
        {
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = new PhysicalFileProvider(root),
                RequestPath = "/static",
                OnPrepareResponse = c => c.Context.Response.Headers.CacheControl = "public, max-age=3600",
            });
        }
    }

    /// <summary>Between authentication and authorisation: first-run redirect, API CSRF, WebSocket origin.</summary>
    public static void UseConsoleGuards(this WebApplication app) => ConsoleGuards.Use(app);

    public static void MapConsole(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapGet("/lang/{code}", (string code, string? returnUrl, HttpContext http) =>
        {
            http.Response.Cookies.Append(ConsoleText.LanguageCookie, code == "en" ? "en" : "vi", new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = http.Request.IsHttps,
                MaxAge = TimeSpan.FromDays(365),
            });
            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        }).AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>Only paths on this site, so a link cannot send users elsewhere after login or a switch.</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
