using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using TanKy.Hub.Shared;
using TanKy.Hub.Shared.Web;

namespace TanKy.Hub.Shared.Cli;

/// <summary>
/// The CLI's one way to a running hub: its HTTP API with a bearer token, not the database — a
/// broadcast, a desired change or a command must go through the hub's own MQTT connection, and
/// the API gives one code path (validation, authorisation, audit) for the CLI and every other
/// client. The hub URL defaults to the first of <c>Http:Urls</c> (a wildcard host becomes
/// 127.0.0.1); the token to <c>--token</c>, then <c>TANKY_TOKEN</c>, then <c>{DataDir}/cli.token</c>.
/// </summary>
public sealed class HubApiClient : IDisposable
{
    /// <summary>Device commands wait for the device's reply on the server: allow the longest command timeout.</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(11);

    /// <summary>
    /// Marks the CLI's requests so the emergency audit can name the channel (<c>cli</c>). A label,
    /// not a credential: who acted is the token's user, whatever this header says.
    /// </summary>
    public const string ClientHeader = "X-TanKy-Client";

    private readonly HttpClient _http;

    public HubApiClient(Uri hub, string token, TimeSpan? timeout = null, HttpMessageHandler? handler = null)
    {
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.BaseAddress = hub;
        _http.Timeout = timeout ?? TimeSpan.FromSeconds(30);
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _http.DefaultRequestHeaders.Add(ClientHeader, "cli");
        // The hub answers problems in the CLI's language.
        _http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(CliText.Language);
    }

    public Uri Hub => _http.BaseAddress!;

    public static Uri DefaultHub(IConfiguration config)
    {
        var urls = config.GetSection(WebOptions.Section).Get<WebOptions>()?.Urls ?? new WebOptions().Urls;
        var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "http://127.0.0.1:8080";
        var builder = new UriBuilder(first.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (builder.Host is "localhost" or "0.0.0.0" or "[::]" or "::")
        {
            builder.Host = "127.0.0.1";
        }

        return builder.Uri;
    }

    /// <summary>The token to use, or null with none configured anywhere.</summary>
    public static string? FindToken(string? option, IConfiguration config, string? dataDir)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return option.Trim();
        }

        var env = Environment.GetEnvironmentVariable("TANKY_TOKEN");
        if (!string.IsNullOrWhiteSpace(env))
        {
            return env.Trim();
        }

        var dir = dataDir ?? config.GetSection(HubOptions.Section).Get<HubOptions>()?.DataDir ?? new HubOptions().DataDir;
        var file = Path.Combine(dir, "cli.token");
        return File.Exists(file) ? File.ReadAllText(file).Trim() : null;
    }

    public Task<ApiAnswer> PostAsync(string path, object body, CancellationToken ct) => SendAsync(() => _http.PostAsJsonAsync(path, body, ct), ct);

    public Task<ApiAnswer> PostContentAsync(string path, HttpContent content, CancellationToken ct) => SendAsync(() => _http.PostAsync(path, content, ct), ct);

    public Task<ApiAnswer> GetAsync(string path, CancellationToken ct) => SendAsync(() => _http.GetAsync(path, ct), ct);

    public Task<ApiAnswer> DeleteAsync(string path, CancellationToken ct) => SendAsync(() => _http.DeleteAsync(path, ct), ct);

    public Task<ApiAnswer> SendJsonAsync(HttpMethod method, string path, object body, CancellationToken ct) =>
        SendAsync(() => _http.SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) }, ct), ct);

    /// <summary>A file's bytes (snapshots); throws <see cref="HttpRequestException"/> on any error.</summary>
    public async Task<byte[]> GetBytesAsync(string path, CancellationToken ct) => await _http.GetByteArrayAsync(path, ct);

    public void Dispose() => _http.Dispose();

    private async Task<ApiAnswer> SendAsync(Func<Task<HttpResponseMessage>> send, CancellationToken ct)
    {
        try
        {
            using var response = await send();
            var text = await response.Content.ReadAsStringAsync(ct);
            JsonElement? json = null;
            try
            {
                json = text.Length == 0 ? null : JsonDocument.Parse(text).RootElement.Clone();
            }
            catch (JsonException)
            {
            }

            return new ApiAnswer((int)response.StatusCode, response.IsSuccessStatusCode, json, response.IsSuccessStatusCode ? null : Reason(response, json));
        }
        catch (HttpRequestException ex)
        {
            return new ApiAnswer(0, false, null, CliText.T("cli.api.cannot-reach", Hub, ex.Message));
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new ApiAnswer(0, false, null, CliText.T("cli.api.no-answer", Hub));
        }
    }

    // Problem details carry a title and a detail in the CLI's language (Accept-Language): show both.
    private static string Reason(HttpResponseMessage response, JsonElement? json)
    {
        if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
        {
            return CliText.T("cli.api.token-refused");
        }

        var title = json is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty("title", out var t) ? t.GetString() : null;
        var detail = json is { ValueKind: JsonValueKind.Object } d && d.TryGetProperty("detail", out var x) ? x.GetString() : null;
        // Without a problem body the status line's phrase is English ("Not Found"): only the code is shown in Vietnamese.
        var head = title ?? CliText.T("cli2.api.http", (int)response.StatusCode, response.ReasonPhrase);

        // Validation problems list a reason per field.
        var fields = json is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array
            ? string.Concat(errors.EnumerateArray().Select(f => $"\n  - {Field(f, "field")}: {Field(f, "reason")}"))
            : "";
        return (detail is null ? head : $"{head}: {detail}") + fields;
    }

    private static string? Field(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v.ToString() : null;
}

/// <summary>An API answer: status, parsed JSON body, and for errors the server's reason.</summary>
public sealed record ApiAnswer(int Status, bool Ok, JsonElement? Json, string? Error)
{
    /// <summary>The body as a mutable node tree (null without a body).</summary>
    public JsonNode? Node => Json is { } j ? JsonNode.Parse(j.GetRawText()) : null;
}
