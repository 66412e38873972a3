using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TanKy.Hub.Shared.Web;

namespace TanKy.Hub.Web.Https;

/// <summary>
/// The HTTPS address of a page for the browser that asked over HTTP: the host name it used (so a
/// phone that reached the hub as <c>tanky-hub.lan</c> stays on that name, which the certificate
/// carries) with the port of the https:// entry of <c>Http:Urls</c>, or the port Kestrel bound
/// for it when configured as 0 (tests). Null when the hub serves no HTTPS.
/// </summary>
public static class HttpsAddress
{
    public static string? For(HttpContext http, string pathAndQuery)
    {
        var port = Port(http.RequestServices);
        if (port is null)
        {
            return null;
        }

        var host = http.Request.Host.Host;
        var authority = port == 443 ? host : $"{host}:{port}";
        return $"https://{authority}{pathAndQuery}";
    }

    /// <summary>The HTTPS port, or null without an https:// address.</summary>
    public static int? Port(IServiceProvider services)
    {
        var urls = services.GetRequiredService<IOptions<WebOptions>>().Value.Urls;
        var configured = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(HubHttpAddress.Loopback)
            .FirstOrDefault(u => u.StartsWith("https://", StringComparison.OrdinalIgnoreCase));
        if (configured is null || !Uri.TryCreate(configured, UriKind.Absolute, out var uri))
        {
            return null;
        }

        if (uri.Port != 0)
        {
            return uri.Port;
        }

        var bound = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        return bound.Select(a => Uri.TryCreate(HubHttpAddress.Loopback(a), UriKind.Absolute, out var b) ? b : null)
            .FirstOrDefault(b => b is { Scheme: "https", Port: > 0 })?.Port;
    }
}
