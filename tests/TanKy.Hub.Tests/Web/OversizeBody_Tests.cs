using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TanKy.Hub.Shared.Web;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.Web;

/// <summary>
/// A body over the hub-wide 1 MiB limit gets a 413 the client can read (<see cref="OversizeBodyGuard"/>).
/// Seen under load before the guard: the framework answered 413 while the client was still
/// sending, Kestrel closed on the unread rest, and the client's send failed with a broken pipe
/// ("Error while copying content to a stream") before it read the answer.
/// </summary>
public sealed class OversizeBody_Tests : IAsyncLifetime
{
    private readonly TempDataDir _dir = new();
    private WebApplication _app = null!;
    private Uri _base = null!;

    public async Task InitializeAsync()
    {
        (_app, _base) = await FeatureApi.StartAsync(_dir.Path, _dir.Time, new Dictionary<string, string?>(), _ => { }, app =>
        {
            OversizeBodyGuard.Use(app);
            app.MapPost("/api/v1/echo", (JsonElement body) => Results.Ok(body.GetRawText().Length)).AllowAnonymous();
            app.MapGet("/api/v1/ping", () => "pong").AllowAnonymous();
            app.MapPut("/api/v1/own-limit", async (HttpRequest request) =>
            {
                request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()!.MaxRequestBodySize = 3 * 1024 * 1024;
                var total = 0L;
                var buffer = new byte[64 * 1024];
                for (int n; (n = await request.Body.ReadAsync(buffer)) > 0;)
                {
                    total += n;
                }

                return Results.Ok(total);
            }).AllowAnonymous().WithMetadata(OwnBodyLimit.Instance);
        });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task A_client_that_sends_its_whole_body_first_reads_the_413_and_keeps_its_connection()
    {
        var body = Encoding.UTF8.GetBytes("{\"x\":\"" + new string('a', 2 * 1024 * 1024) + "\"}");
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, _base.Port);
        await using var stream = new NetworkStream(socket);

        // Everything is written before a byte is read, as a simple client does: without the guard
        // this write fails (the hub answered and reset the connection under it).
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /api/v1/echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAccept-Language: vi\r\nContent-Length: {body.Length}\r\n\r\n"));
        await stream.WriteAsync(body);
        var (status, headers, text) = await ReadResponseAsync(stream);

        status.Should().Be(413);
        headers.Should().NotContain("connection: close");
        var problem = JsonDocument.Parse(text).RootElement;
        problem.GetProperty("status").GetInt32().Should().Be(413);
        problem.GetProperty("title").GetString().Should().NotBeNullOrWhiteSpace().And.NotContainAny("Too Large", "Payload", "Entity");

        // The body was read through: the same connection answers the next request.
        await stream.WriteAsync("GET /api/v1/ping HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"u8.ToArray());
        (await ReadResponseAsync(stream)).Should().Match<(int Status, string Headers, string Text)>(r => r.Status == 200 && r.Text == "pong");
    }

    [Fact]
    public async Task A_body_beyond_what_is_worth_reading_is_refused_on_its_length_before_it_is_sent()
    {
        using var handler = new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(1) };
        using var http = new HttpClient(handler) { BaseAddress = _base };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/echo")
        {
            Content = new ByteArrayContent(new byte[OversizeBodyGuard.DrainBytes + 1]) { Headers = { ContentType = new("application/json") } },
        };
        request.Headers.ExpectContinue = true;

        using var response = await http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        response.Headers.ConnectionClose.Should().BeTrue("the unread body cannot share the connection");
    }

    [Fact]
    public async Task Bodies_under_the_limit_and_endpoints_with_their_own_limit_are_untouched()
    {
        using var http = new HttpClient { BaseAddress = _base };

        using var small = await http.PostAsync("/api/v1/echo", new StringContent("{\"x\":\"" + new string('a', 1000) + "\"}", Encoding.UTF8, "application/json"));
        using var own = await http.PutAsync("/api/v1/own-limit", new ByteArrayContent(new byte[2 * 1024 * 1024]));

        small.StatusCode.Should().Be(HttpStatusCode.OK);
        (await small.Content.ReadAsStringAsync()).Should().Be("1008");
        own.StatusCode.Should().Be(HttpStatusCode.OK);
        (await own.Content.ReadAsStringAsync()).Should().Be((2 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>One HTTP/1.1 response with a Content-Length or chunked body: status, lower-cased headers, body text.</summary>
    private static async Task<(int Status, string Headers, string Text)> ReadResponseAsync(Stream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            (await stream.ReadAsync(one)).Should().Be(1, "the hub answers before closing");
            head.Append((char)one[0]);
        }

        var lines = head.ToString().Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = head.ToString().ToLowerInvariant();
        var body = new MemoryStream();
        if (lines.FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) is { } cl)
        {
            var length = int.Parse(cl.Split(':')[1].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            await CopyAsync(stream, body, length);
        }
        else
        {
            // Chunked: size line, data, CRLF, until a zero-size chunk.
            while (true)
            {
                var size = Convert.ToInt32((await ReadLineAsync(stream)).Split(';')[0], 16);
                await CopyAsync(stream, body, size);
                await ReadLineAsync(stream);
                if (size == 0)
                {
                    break;
                }
            }
        }

        return (status, headers, Encoding.UTF8.GetString(body.ToArray()));
    }

    private static async Task CopyAsync(Stream from, Stream to, int count)
    {
        var buffer = new byte[count];
        await from.ReadExactlyAsync(buffer);
        await to.WriteAsync(buffer);
    }

    private static async Task<string> ReadLineAsync(Stream stream)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (!line.ToString().EndsWith("\r\n", StringComparison.Ordinal))
        {
            await stream.ReadExactlyAsync(one);
            line.Append((char)one[0]);
        }

        return line.ToString()[..^2];
    }
}
