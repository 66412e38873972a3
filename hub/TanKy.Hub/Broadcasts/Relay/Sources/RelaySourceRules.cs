using TanKy.Hub.Shared.Text;
using TanKy.Protocol;

namespace TanKy.Hub.Broadcasts.Relay.Sources;

/// <summary>
/// What a relay source may be, checked at the edge (CLI, API, console) before anything is stored
/// or handed to ffmpeg. ffmpeg opens far more than web streams (<c>file:</c>, <c>concat:</c>,
/// <c>pipe:</c>, <c>data:</c>, <c>subfile:</c>, <c>tcp:</c>…), so a URL from a user may only be
/// http, https or icecast (read as http); the feed also passes ffmpeg a protocol whitelist, so a
/// playlist cannot reach those protocols either.
/// </summary>
public static class RelaySourceRules
{
    public const int MaxUrls = 5;

    public const int MaxUrlLength = 2048;

    public const int MaxNameLength = 80;

    private static readonly string[] Schemes = ["http", "https", "icecast"];

    /// <summary>Checks a whole source; throws <see cref="RelaySourceException"/> naming the first problem.</summary>
    public static (string Id, string Name, IReadOnlyList<string> Urls) Validate(string? id, string? name, IEnumerable<string?>? urls)
    {
        id = (id ?? "").Trim();
        if (!Identifiers.IsValid(id))
        {
            throw new RelaySourceException(new TextMessage("relaysrc.error.bad-id", id));
        }

        name = (name ?? "").Trim();
        if (name.Length == 0 || name.Length > MaxNameLength || name.Any(char.IsControl))
        {
            throw new RelaySourceException(new TextMessage("relaysrc.error.bad-name", MaxNameLength));
        }

        var list = (urls ?? []).Select(u => (u ?? "").Trim()).Where(u => u.Length > 0).ToList();
        if (list.Count == 0)
        {
            throw new RelaySourceException(new TextMessage("relaysrc.error.no-url"));
        }

        if (list.Count > MaxUrls)
        {
            throw new RelaySourceException(new TextMessage("relaysrc.error.too-many-urls", MaxUrls));
        }

        foreach (var url in list)
        {
            if (UrlProblem(url) is { } problem)
            {
                throw new RelaySourceException(problem);
            }
        }

        return (id, name, list);
    }

    /// <summary>Why <paramref name="url"/> may not be a relay URL, or null when it may.</summary>
    public static TextMessage? UrlProblem(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return new TextMessage("relaysrc.error.no-url");
        }

        var shown = Shorten(Redact(url));
        if (url.Length > MaxUrlLength)
        {
            return new TextMessage("relaysrc.error.url-too-long", shown, MaxUrlLength);
        }

        // Whitespace or control characters could split an argument or a log line; a real stream URL has none.
        if (url.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return new TextMessage("relaysrc.error.url-chars", shown);
        }

        var colon = url.IndexOf(':', StringComparison.Ordinal);
        var scheme = colon > 0 ? url[..colon].ToLowerInvariant() : "";
        if (!Schemes.Contains(scheme, StringComparer.Ordinal))
        {
            return new TextMessage("relaysrc.error.scheme", shown, scheme.Length == 0 ? "-" : scheme);
        }

        // "icecast" is no scheme .NET knows: parse it as the http URL ffmpeg will open.
        if (!Uri.TryCreate(ForFfmpeg(url), UriKind.Absolute, out var uri) || !url[(colon + 1)..].StartsWith("//", StringComparison.Ordinal)
            || string.IsNullOrEmpty(uri.Host) || uri.Scheme is not ("http" or "https"))
        {
            return new TextMessage("relaysrc.error.url-form", shown);
        }

        return null;
    }

    /// <summary>The URL ffmpeg opens: icecast:// is a listener's http:// (ffmpeg's own icecast protocol only publishes).</summary>
    public static string ForFfmpeg(string url) =>
        url.StartsWith("icecast://", StringComparison.OrdinalIgnoreCase) ? "http://" + url["icecast://".Length..] : url;

    /// <summary>The URL without its password, for logs and for readers who may not manage sources.</summary>
    public static string Redact(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            return url;
        }

        var authorityStart = schemeEnd + 3;
        var authorityEnd = url.IndexOfAny(['/', '?', '#'], authorityStart);
        var authority = authorityEnd < 0 ? url[authorityStart..] : url[authorityStart..authorityEnd];
        var at = authority.LastIndexOf('@');
        return at < 0 ? url : url[..authorityStart] + "***" + url[(authorityStart + at)..];
    }

    /// <summary>Every URL in <paramref name="text"/> (an ffmpeg message) without its password.</summary>
    public static string RedactText(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, @"([A-Za-z][A-Za-z0-9+.-]*://)[^/\s@]+@", "$1***@");

    private static string Shorten(string url) => url.Length <= 120 ? url : url[..117] + "…";
}

/// <summary>A source refused or not found; the message for people is <see cref="Text"/>, its <c>Message</c> English for logs.</summary>
public sealed class RelaySourceException(TextMessage text) : InvalidOperationException(text.ToString()), ILocalizedError
{
    public TextMessage Text { get; } = text;
}
