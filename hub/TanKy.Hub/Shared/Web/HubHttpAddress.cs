using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TanKy.Hub.Shared.Web;

/// <summary>
/// The hub's first HTTP address (<c>Http:Urls</c>) as a client reaches it. Configured with port 0
/// (tests, benchmarks) the OS picks the port and only Kestrel knows it: then the address Kestrel
/// bound, or null until it has bound. Any other configured address is used as written.
/// </summary>
public static class HubHttpAddress
{
    public const string Default = "http://127.0.0.1:8080";

    public static string? First(IConfiguration config, IServiceProvider services)
    {
        var configured = (config["Http:Urls"] ?? Default).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
        configured = Loopback(configured);
        if (!Uri.TryCreate(configured, UriKind.Absolute, out var uri) || uri.Port != 0)
        {
            return configured;
        }

        // Before Kestrel binds, the feature holds the configured addresses, port 0 included.
        var bound = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        return bound.FirstOrDefault(a => Uri.TryCreate(a, UriKind.Absolute, out var b) && b.Port != 0 && b.Scheme == uri.Scheme);
    }

    /// <summary>A listen-on-every-address entry (<c>http://*:8080</c>, as install.sh writes with HTTPS) is reached on loopback.</summary>
    public static string Loopback(string url)
    {
        foreach (var any in new[] { "*", "+", "0.0.0.0", "[::]" })
        {
            var prefix = "://" + any + ":";
            var at = url.IndexOf(prefix, StringComparison.Ordinal);
            if (at > 0)
            {
                return string.Concat(url.AsSpan(0, at), "://127.0.0.1:", url.AsSpan(at + prefix.Length));
            }
        }

        return url;
    }
}
