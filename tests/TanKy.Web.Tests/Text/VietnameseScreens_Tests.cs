using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using TanKy.Hub.Accounts;
using TanKy.Hub.Schedules;
using TanKy.Web.Tests.Support;

namespace TanKy.Web.Tests.Text;

/// <summary>
/// Every console page and every API error a person can provoke, read in Vietnamese on a real hub:
/// no untranslated key and no English word (<see cref="VisibleText.EnglishWords"/>). The pages are
/// the app's own Razor page routes, so a page added later is walked without editing this test.
/// </summary>
public sealed class VietnameseScreens_Tests
{
    [Fact]
    public async Task Every_console_page_reads_as_vietnamese_after_the_usual_mistakes()
    {
        await using var hub = await ConsoleHub.StartAsync();
        hub.AddHamletHead();
        await ProvokeAuditRowsAsync(hub);
        using var admin = new ConsoleClient(hub.BaseAddress);
        (await admin.LoginAsync(ConsoleHub.AdminName, ConsoleHub.AdminPassword)).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var failures = new List<string>();
        var walked = new List<string>();
        foreach (var path in PagePaths(hub))
        {
            using var response = await admin.Http.GetAsync(path);
            if (response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            walked.Add(path);
            Check($"GET {path}", VisibleText.OfHtml(await response.Content.ReadAsStringAsync()), failures);
        }

        // The mistakes an officer makes on the forms: the answer is a page, and it must be Vietnamese too.
        var token = await admin.FormTokenAsync("/users");
        using var duplicate = await admin.Http.PostAsync("/users?handler=create", Form(token, ("name", ConsoleHub.HeadName), ("role", "viewer"), ("password", "mat-khau-dai-du-10")));
        Check("POST /users (a name that exists)", VisibleText.OfHtml(await duplicate.Content.ReadAsStringAsync()), failures);
        using var unknownRole = await admin.Http.PostAsync("/users?handler=create", Form(token, ("name", "nguoi-moi"), ("role", "boss"), ("password", "mat-khau-dai-du-10")));
        Check("POST /users (a role that does not exist)", VisibleText.OfHtml(await unknownRole.Content.ReadAsStringAsync()), failures);
        using var self = await admin.Http.PostAsync("/users?handler=disable", Form(token, ("name", ConsoleHub.AdminName), ("disabled", "true")));
        Check("POST /users (disable yourself)", VisibleText.OfHtml(await self.Content.ReadAsStringAsync()), failures);
        Check("GET /audit (after the mistakes)", VisibleText.OfHtml(await admin.PageAsync("/audit")), failures);

        walked.Should().Contain(["/", "/devices", "/users", "/audit", "/account"]);
        Assert.True(failures.Count == 0, $"every console page reads as Vietnamese ({walked.Count} pages walked: {string.Join(", ", walked)}):{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    [Fact]
    public async Task Every_api_error_reads_as_vietnamese_and_english_on_request()
    {
        await using var hub = await ConsoleHub.StartAsync(settings: new Dictionary<string, string> { ["Console:Login:AttemptsPerMinutePerAddress"] = "2" });
        hub.AddHamletHead();
        var adminToken = hub.Get<TokenService>().Create(ConsoleHub.AdminName);
        var viewer = hub.AddUser("nguoi-xem", Role.Viewer, "mat-khau-nguoi-xem");
        var viewerToken = hub.Get<TokenService>().Create(viewer.Name);
        var headToken = hub.Get<TokenService>().Create(ConsoleHub.HeadName);
        using var http = new HttpClient { BaseAddress = hub.BaseAddress };
        using var cookie = new ConsoleClient(hub.BaseAddress);
        (await cookie.LoginAsync(ConsoleHub.AdminName, ConsoleHub.AdminPassword)).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var cases = new List<(string Name, Func<HttpRequestMessage> Request, HttpStatusCode Status, HttpClient Client)>
        {
            ("unknown route", () => Get("/api/v1/no-such-thing", adminToken), HttpStatusCode.NotFound, http),
            ("no token", () => Get("/api/v1/devices", null), HttpStatusCode.Unauthorized, http),
            ("a made-up token", () => Get("/api/v1/devices", "tk_khong-co-that"), HttpStatusCode.Unauthorized, http),
            ("unknown device", () => Get("/api/v1/devices/khong-co", adminToken), HttpStatusCode.NotFound, http),
            ("unknown device kind", () => Get("/api/v1/devices?kind=may-bay", adminToken), HttpStatusCode.BadRequest, http),
            ("device outside the head's hamlets", () => Get("/api/v1/devices/loa-xom-3-a", headToken), HttpStatusCode.Forbidden, http),
            ("unknown broadcast", () => Get("/api/v1/broadcasts/bc-khong-co", adminToken), HttpStatusCode.NotFound, http),
            ("unknown clip", () => Get("/api/v1/media/m-khong-co", adminToken), HttpStatusCode.NotFound, http),
            ("bad alert filter", () => Get("/api/v1/alerts?state=maybe", adminToken), HttpStatusCode.BadRequest, http),
            ("bad JSON", () => Post("/api/v1/broadcasts", adminToken, "{ \"zones\": ["), HttpStatusCode.BadRequest, http),
            ("bad JSON for a command", () => Post("/api/v1/devices/loa-khoi-1-a/commands", adminToken, "{"), HttpStatusCode.BadRequest, http),
            ("viewer sends a command", () => Post("/api/v1/devices/loa-khoi-1-a/commands", viewerToken, "{\"op\":\"reboot\"}"), HttpStatusCode.Forbidden, http),
            ("viewer triggers an emergency", () => Post("/api/v1/emergency", viewerToken, "{\"zones\":[\"khoi-1\"],\"text\":\"Thử\"}"), HttpStatusCode.Forbidden, http),
            ("head's emergency outside the hamlets", () => Post("/api/v1/emergency", headToken, "{\"zones\":[\"xom-3\"],\"text\":\"Thử\"}"), HttpStatusCode.Forbidden, http),
            ("emergency without content", () => Post("/api/v1/emergency", adminToken, "{\"zones\":[\"khoi-1\"]}"), HttpStatusCode.BadRequest, http),
            ("cancel an unknown emergency", () => new HttpRequestMessage(HttpMethod.Delete, "/api/v1/emergency/bc-khong-co") { Headers = { Authorization = new("Bearer", adminToken) } }, HttpStatusCode.NotFound, http),
            ("too large", () => Post("/api/v1/broadcasts", adminToken, "{\"x\":\"" + new string('a', 2 * 1024 * 1024) + "\"}"), HttpStatusCode.RequestEntityTooLarge, http),
            ("broadcast to an unknown zone", () => Post("/api/v1/broadcasts", adminToken, "{\"zones\":[\"xom-9\"],\"media\":\"m-khong-co\"}"), HttpStatusCode.BadRequest, http),
            ("broadcast with an unknown class", () => Post("/api/v1/broadcasts", adminToken, "{\"zones\":[\"khoi-1\"],\"media\":\"m-khong-co\",\"class\":\"urgent\"}"), HttpStatusCode.BadRequest, http),
            ("viewer broadcasts", () => Post("/api/v1/broadcasts", viewerToken, "{\"zones\":[\"khoi-1\"],\"media\":\"m-khong-co\"}"), HttpStatusCode.Forbidden, http),
            ("head broadcasts outside the hamlets", () => Post("/api/v1/broadcasts", headToken, "{\"zones\":[\"xom-3\"],\"media\":\"m-khong-co\",\"class\":\"priority\"}"), HttpStatusCode.Forbidden, http),
            ("upload that is not audio", () => Upload(adminToken, "not audio at all"u8.ToArray(), "Bản tin"), HttpStatusCode.BadRequest, http),
            ("upload without a title", () => Upload(adminToken, "not audio at all"u8.ToArray(), "   "), HttpStatusCode.BadRequest, http),
            ("upload that is not a form", () => Post("/api/v1/media", adminToken, "{\"title\":\"t\"}"), HttpStatusCode.BadRequest, http),
            ("unknown clip kind", () => Get("/api/v1/media?kind=video", adminToken), HttpStatusCode.BadRequest, http),
            ("emergency repeated too often", () => Post("/api/v1/emergency", adminToken, "{\"zones\":[\"khoi-1\"],\"media\":\"m-khong-co\",\"repeat\":50}"), HttpStatusCode.BadRequest, http),
            ("cookie call without the antiforgery token", () => new HttpRequestMessage(HttpMethod.Post, "/api/v1/broadcasts") { Content = Json("{}") }, HttpStatusCode.BadRequest, cookie.Http),
        };

        var failures = new List<string>();
        foreach (var (name, request, status, client) in cases)
        {
            foreach (var language in new[] { "vi", "en" })
            {
                using var message = request();
                message.Headers.AcceptLanguage.ParseAdd(language == "en" ? "en-US,en;q=0.9" : "vi-VN,vi;q=0.9");
                HttpResponseMessage response;
                try
                {
                    response = await client.SendAsync(message);
                }
                catch (HttpRequestException ex)
                {
                    // Name the request: a bare "Error while copying content" once hid which one broke.
                    failures.Add($"{name} [{language}]: the request failed: {ex.Message} {ex.InnerException?.Message}");
                    continue;
                }

                using var answered = response;
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != status)
                {
                    failures.Add($"{name} [{language}]: {(int)response.StatusCode} instead of {(int)status}: {body}");
                    continue;
                }

                CheckProblem($"{name} [{language}]", language, body, failures);
            }
        }

        // 429: sign-in posts over the per-address limit (2 a minute here), from an address of its own.
        using var flood = new ConsoleClient(hub.BaseAddress, localAddress: IPAddress.Parse("127.0.0.7"));
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last?.Dispose();
            last = await flood.LoginAsync("ai-do", "sai-mat-khau-roi");
        }

        last!.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        CheckProblem("too many sign-ins [vi]", "vi", await last.Content.ReadAsStringAsync(), failures);
        last.Dispose();

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static void CheckProblem(string name, string language, string body, List<string> failures)
    {
        var title = VisibleText.JsonStrings(body);
        if (!body.Contains("\"title\"", StringComparison.Ordinal))
        {
            failures.Add($"{name}: no problem title in {body}");
            return;
        }

        if (language == "vi")
        {
            Check(name, title, failures);
        }
        else if (VisibleText.MissingKeys(title) is { Count: > 0 } keys)
        {
            failures.Add($"{name}: untranslated {string.Join(", ", keys)} in «{title}»");
        }
        else if (System.Text.RegularExpressions.Regex.IsMatch(title, "[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]"))
        {
            failures.Add($"{name}: Vietnamese in an English answer: «{title}»");
        }
    }

    private static void Check(string where, string text, List<string> failures)
    {
        if (VisibleText.MissingKeys(text) is { Count: > 0 } keys)
        {
            failures.Add($"{where}: untranslated {string.Join(", ", keys)}");
        }

        if (VisibleText.EnglishIn(text) is { Count: > 0 } words)
        {
            failures.Add($"{where}: English «{string.Join("», «", words)}» in: {Excerpt(text, words[0])}");
        }
    }

    private static string Excerpt(string text, string word)
    {
        var flat = System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");
        var at = flat.IndexOf(word, StringComparison.OrdinalIgnoreCase);
        return at < 0 ? flat[..Math.Min(160, flat.Length)] : flat[Math.Max(0, at - 80)..Math.Min(flat.Length, at + 80)];
    }

    /// <summary>
    /// One path per Razor page route of the running app (GET pages; /logout only redirects). A
    /// required route value comes from <see cref="SampleValue"/>; a page whose value is not known
    /// there fails the test, so its author adds one.
    /// </summary>
    private static IEnumerable<string> PagePaths(ConsoleHub hub)
    {
        var routes = hub.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.OfType<PageActionDescriptor>().Any())
            .Select(e => e.RoutePattern)
            .DistinctBy(p => p.RawText)
            .ToList();
        routes.Should().NotBeEmpty();
        foreach (var route in routes)
        {
            // The archived recording is audio, not a page to read; BroadcastHistory_Tests covers its 403/404.
            if (route.RawText == "history/recording/{id}")
            {
                continue;
            }

            var segments = new List<string>();
            foreach (var segment in route.PathSegments)
            {
                var part = segment.Parts.Single();
                if (part is RoutePatternLiteralPart literal)
                {
                    segments.Add(literal.Content);
                }
                else if (part is RoutePatternParameterPart parameter && !parameter.IsOptional)
                {
                    segments.Add(SampleValue(hub, route.RawText!, parameter.Name)
                        ?? throw new InvalidOperationException($"page route '{route.RawText}' needs a sample value for '{parameter.Name}' in {nameof(SampleValue)}"));
                }
            }

            var path = "/" + string.Join("/", segments);
            if (path != "/logout")
            {
                yield return path;
            }
        }

        if (hub.Get<ProgrammeStore>().Current?.Programmes is [var programme, ..])
        {
            yield return "/programme/edit/" + programme.Id;
        }
    }

    /// <summary>A value from the seeded commune for a page's required route parameter (pages added later add theirs here).</summary>
    private static string? SampleValue(ConsoleHub hub, string route, string parameter) => (route, parameter) switch
    {
        (_, "deviceId") => "loa-khoi-1-a",
        (_, "zone" or "zoneId") => "khoi-1",
        _ => null,
    };

    /// <summary>Audit rows of every kind the audit page shows: sign-ins, refused and allowed emergencies.</summary>
    private static async Task ProvokeAuditRowsAsync(ConsoleHub hub)
    {
        using var wrong = new ConsoleClient(hub.BaseAddress);
        await wrong.LoginAsync(ConsoleHub.AdminName, "sai-mat-khau-1");
        using var http = new HttpClient { BaseAddress = hub.BaseAddress };
        var head = hub.Get<TokenService>().Create(ConsoleHub.HeadName);
        using (await http.SendAsync(Post("/api/v1/emergency", head, "{\"zones\":[\"xom-3\"],\"text\":\"Thử\"}")))
        {
        }

        var clip = await hub.ImportClipAsync("Thử còi", TimeSpan.FromSeconds(1));
        using (await http.SendAsync(Post("/api/v1/emergency", head, $"{{\"zones\":[\"khoi-1\"],\"media\":\"{clip}\"}}")))
        {
        }
    }

    private static HttpRequestMessage Get(string path, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    private static HttpRequestMessage Post(string path, string token, string json) =>
        new(HttpMethod.Post, path) { Content = Json(json), Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };

    private static HttpRequestMessage Upload(string token, byte[] file, string title)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new(HttpMethod.Post, "/api/v1/media")
        {
            Content = new MultipartFormDataContent { { content, "file", "tep.wav" }, { new StringContent(title), "title" } },
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
        };
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static FormUrlEncodedContent Form(string token, params (string Name, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).Prepend(KeyValuePair.Create("__RequestVerificationToken", token)));
}
