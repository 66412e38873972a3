using System.Net;
using System.Text.RegularExpressions;

namespace TanKy.Web.Tests.Support;

/// <summary>
/// A browser-like HTTP client without a browser: keeps cookies, does not follow redirects (so
/// tests see them), and reads the antiforgery tokens pages render.
/// </summary>
public sealed partial class ConsoleClient : IDisposable
{
    /// <param name="acceptCertificate">The test hub's self-signed HTTPS certificate, trusted for this client only.</param>
    /// <param name="localAddress">
    /// The address this client connects from, e.g. 127.0.0.2: Linux routes all of 127.0.0.0/8 over
    /// the loopback interface, so the hub on 127.0.0.1 sees a second machine without leaving the host.
    /// </param>
    public ConsoleClient(Uri baseAddress, System.Security.Cryptography.X509Certificates.X509Certificate2? acceptCertificate = null, IPAddress? localAddress = null)
    {
        var handler = new SocketsHttpHandler { CookieContainer = Cookies, AllowAutoRedirect = false };
        if (acceptCertificate is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, _) => cert is System.Security.Cryptography.X509Certificates.X509Certificate2 c && c.Thumbprint == acceptCertificate.Thumbprint;
        }

        if (localAddress is not null)
        {
            handler.ConnectCallback = async (context, ct) =>
            {
                var socket = new System.Net.Sockets.Socket(localAddress.AddressFamily, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(localAddress, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        Http = new HttpClient(handler) { BaseAddress = baseAddress };
        // As a browser navigating: pages answer redirects to it, /api answers status codes regardless.
        Http.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
    }

    public CookieContainer Cookies { get; } = new();

    public HttpClient Http { get; }

    /// <summary>Signs in through the login form; returns the response to the form post.</summary>
    public async Task<HttpResponseMessage> LoginAsync(string name, string password)
    {
        var token = await FormTokenAsync("/login");
        return await Http.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["name"] = name,
            ["password"] = password,
        }));
    }

    /// <summary>The hidden antiforgery field of the first form on a page.</summary>
    public async Task<string> FormTokenAsync(string path)
    {
        var html = await PageAsync(path);
        return FormToken().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException($"no antiforgery field on {path}");
    }

    /// <summary>The token a page gives its scripts (meta csrf-token), for fetch calls to /api.</summary>
    public async Task<string> MetaTokenAsync(string path = "/")
    {
        var html = await PageAsync(path);
        return MetaToken().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException($"no csrf meta on {path}");
    }

    /// <summary>The HTML of a page that must answer 200 (a redirect fails with its target, to show why).</summary>
    public async Task<string> PageAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        return response.StatusCode == HttpStatusCode.OK
            ? await response.Content.ReadAsStringAsync()
            : throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {response.Headers.Location}");
    }

    /// <summary>The Set-Cookie header lines of a response, for checking cookie flags.</summary>
    public static IReadOnlyList<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var v) ? v.ToList() : [];

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\"")]
    private static partial Regex MetaToken();
}
