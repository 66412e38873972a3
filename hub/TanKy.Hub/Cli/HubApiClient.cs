using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using TanKy.Hub.Hosting;

namespace TanKy.Hub.Cli;

/// <summary>
/// The control commands talk to the running hub over its HTTP API, not to the database: a
/// desired change or a command must be published by the hub's MQTT connection, and going
/// through the API gives one code path (validation, authorisation, audit) for the CLI and
/// every other client.
/// </summary>
internal sealed class HubApiClient : IDisposable
{
    private readonly HttpClient _http;

    public HubApiClient(string? hub, string? token)
    {
        var baseUrl = hub ?? DefaultHubUrl();
        var bearer = token ?? Environment.GetEnvironmentVariable("TANKY_TOKEN");
        if (string.IsNullOrWhiteSpace(bearer))
        {
            throw new FormatException("an API token is needed: --token or TANKY_TOKEN (create one with 'tanky-hub tokens create')");
        }

        // Commands wait for the device's reply on the server; allow for the longest command timeout.
        _http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(11) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer.Trim());
    }

    public Task<ApiResponse> GetAsync(string path, CancellationToken ct) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path), ct);

    public Task<ApiResponse> SendJsonAsync(HttpMethod method, string path, object body, CancellationToken ct) =>
        SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) }, ct);

    public async Task<byte[]> GetBytesAsync(string path, CancellationToken ct) => await _http.GetByteArrayAsync(path, ct);

    public void Dispose() => _http.Dispose();

    private async Task<ApiResponse> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using (request)
        {
            using var response = await _http.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            JsonNode? body = null;
            try
            {
                body = text.Length > 0 ? JsonNode.Parse(text) : null;
            }
            catch (System.Text.Json.JsonException)
            {
                // Not JSON (a proxy's error page): the status code is all we have.
            }

            return new ApiResponse((int)response.StatusCode, body);
        }
    }

    private static string DefaultHubUrl()
    {
        var urls = HubConfiguration.ForCli([]).GetSection("Http")["Urls"] ?? "http://127.0.0.1:8080";
        return urls.Split(';', StringSplitOptions.RemoveEmptyEntries)[0].Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal);
    }
}

/// <summary>An HTTP status and its JSON body.</summary>
internal sealed record ApiResponse(int Status, JsonNode? Body)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>Problem details as one message: title, detail and the per-field reasons.</summary>
    public string Problem()
    {
        var reasons = Body?["errors"] is JsonArray errors
            ? string.Concat(errors.Select(e => $"\n  - {e?["field"]}: {e?["reason"]}"))
            : "";
        return $"HTTP {Status} {Body?["title"]}: {Body?["detail"]}{reasons}";
    }
}
