using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using Dapper;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using TanKy.Hub.Accounts;
using TanKy.Hub.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using TanKy.Hub.Web.Console;
using TanKy.Web.Tests.Support;
using TanKy.Hub.Shared.Data;

namespace TanKy.Web.Tests.Security;

/// <summary>The console's session security over real HTTP on the real hub (no browser needed).</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleSecurity_Tests
{
    [Fact]
    public async Task Unauthenticated_page_redirects_to_login_and_api_answers_401()
    {
        await using var hub = await ConsoleHub.StartAsync();
        using var client = new ConsoleClient(hub.BaseAddress);

        var page = await client.Http.GetAsync("/devices");
        page.StatusCode.Should().Be(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().Should().StartWith("http").And.Contain("/login?ReturnUrl=%2Fdevices");

        var api = await client.Http.GetAsync("/api/v1/devices");
        api.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        api.Headers.Location.Should().BeNull();
    }

    [Fact]
    public async Task First_run_sends_every_page_to_setup_and_setup_is_refused_once_an_admin_exists()
    {
        await using var hub = await ConsoleHub.StartAsync(withAdmin: false);
        using var client = new ConsoleClient(hub.BaseAddress);

        var login = await client.Http.GetAsync("/login");
        login.StatusCode.Should().Be(HttpStatusCode.Redirect);
        login.Headers.Location!.ToString().Should().Be("/setup");

        var token = await client.FormTokenAsync("/setup");
        var created = await client.Http.PostAsync("/setup", Form(token, ("name", "quan-tri"), ("password", "mot-mat-khau-dai"), ("confirm", "mot-mat-khau-dai")));
        created.StatusCode.Should().Be(HttpStatusCode.Redirect);
        hub.Get<UserStore>().Find("quan-tri")!.Role.Should().Be(Role.Admin);

        using var other = new ConsoleClient(hub.BaseAddress);
        (await other.Http.GetAsync("/setup")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var again = await other.Http.PostAsync("/setup", Form(await other.FormTokenAsync("/login"), ("name", "ke-gian"), ("password", "mot-mat-khau-khac"), ("confirm", "mot-mat-khau-khac")));
        again.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        hub.Get<UserStore>().Find("ke-gian").Should().BeNull();
        (await other.Http.GetAsync("/login")).StatusCode.Should().Be(HttpStatusCode.OK, "once an admin exists the login page is served");
    }

    [Fact]
    public async Task Form_post_without_antiforgery_token_is_rejected()
    {
        await using var hub = await ConsoleHub.StartAsync();
        using var client = new ConsoleClient(hub.BaseAddress);
        await client.Http.GetAsync("/login"); // gets the antiforgery cookie, but the form field is left out

        var post = await client.Http.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = ConsoleHub.AdminName, ["password"] = ConsoleHub.AdminPassword }));

        post.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        ConsoleClient.SetCookies(post).Should().NotContain(c => c.StartsWith(ConsoleAuth.CookieName + "=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cookie_authenticated_api_write_needs_the_header_token_but_bearer_clients_do_not()
    {
        await using var hub = await ConsoleHub.StartAsync();
        using var client = new ConsoleClient(hub.BaseAddress);
        (await client.LoginAsync(ConsoleHub.AdminName, ConsoleHub.AdminPassword)).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var withoutToken = await client.Http.PutAsJsonAsync("/api/v1/devices/loa-khoi-1-a/desired", new { volume = 40 });
        withoutToken.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await withoutToken.Content.ReadAsStringAsync()).Should().Contain("Thiếu mã chống giả mạo", "the answer is in the console's language");

        var csrf = await client.MetaTokenAsync();
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/devices/loa-khoi-1-a/desired") { Content = JsonContent.Create(new { volume = 40 }) };
        request.Headers.Add(ConsoleGuards.CsrfHeader, csrf);
        (await client.Http.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);

        using var bearer = hub.Commune.Hub.ClientWithToken(hub.Get<TokenService>().Create(ConsoleHub.AdminName));
        (await bearer.PutAsJsonAsync("/api/v1/devices/loa-khoi-1-a/desired", new { volume = 50 })).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Wrong_role_gets_403_from_the_api_and_the_denied_page()
    {
        await using var hub = await ConsoleHub.StartAsync();
        hub.AddUser("nguoi-xem", Role.Viewer, "mat-khau-nguoi-xem");
        using var client = new ConsoleClient(hub.BaseAddress);
        await client.LoginAsync("nguoi-xem", "mat-khau-nguoi-xem");

        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/devices/loa-khoi-1-a/desired") { Content = JsonContent.Create(new { volume = 40 }) };
        request.Headers.Add(ConsoleGuards.CsrfHeader, await client.MetaTokenAsync());
        var api = await client.Http.SendAsync(request);
        api.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        api.Headers.Location.Should().BeNull();

        (await client.Http.GetAsync("/denied")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_hamlet_head_posting_a_device_command_form_is_refused_and_nothing_is_sent()
    {
        await using var hub = await ConsoleHub.StartAsync();
        hub.AddHamletHead();
        using var client = new ConsoleClient(hub.BaseAddress);
        await client.LoginAsync(ConsoleHub.HeadName, ConsoleHub.HeadPassword);
        var token = await client.FormTokenAsync("/devices"); // the sign-out form's token: valid for any form of this session

        var post = await client.Http.PostAsync("/devices?handler=Command", Form(token, ("id", "loa-khoi-1-a"), ("op", "reboot")));

        post.StatusCode.Should().Be(HttpStatusCode.Redirect);
        post.Headers.Location!.ToString().Should().Contain("/denied");
        using var c = hub.Get<Database>().Open();
        c.ExecuteScalar<long>("SELECT COUNT(*) FROM device_commands").Should().Be(0);
    }

    [Fact]
    public async Task One_address_trying_many_accounts_is_slowed_to_429_while_pages_still_load()
    {
        await using var hub = await ConsoleHub.StartAsync(settings: new Dictionary<string, string> { ["Console:Login:AttemptsPerMinutePerAddress"] = "3" });
        using var client = new ConsoleClient(hub.BaseAddress);

        for (var i = 0; i < 3; i++)
        {
            (await client.LoginAsync("ten-doan-" + i, "mat-khau-doan")).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var limited = await client.LoginAsync(ConsoleHub.AdminName, ConsoleHub.AdminPassword);
        limited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        ConsoleClient.SetCookies(limited).Should().NotContain(c => c.StartsWith(ConsoleAuth.CookieName + "=", StringComparison.Ordinal));
        (await client.Http.GetAsync("/login")).StatusCode.Should().Be(HttpStatusCode.OK, "only form posts count");
    }

    [Fact]
    public async Task Session_cookie_is_httponly_samesite_strict_and_secure_follows_the_request()
    {
        await using var hub = await ConsoleHub.StartAsync();
        using var client = new ConsoleClient(hub.BaseAddress);

        var login = await client.LoginAsync(ConsoleHub.AdminName, ConsoleHub.AdminPassword);

        var cookie = ConsoleClient.SetCookies(login).Single(c => c.StartsWith(ConsoleAuth.CookieName + "=", StringComparison.Ordinal)).ToLowerInvariant();
        cookie.Should().Contain("httponly").And.Contain("samesite=strict").And.NotContain("secure;", "plain HTTP on loopback");
        var options = hub.Get<IOptionsMonitor<CookieAuthenticationOptions>>().Get(ConsoleAuth.CookieScheme);
        options.Cookie.SecurePolicy.Should().Be(CookieSecurePolicy.SameAsRequest, "behind TLS the cookie is Secure");
        (await client.Http.GetAsync("/api/v1/me")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Over_https_the_session_cookie_is_secure()
    {
        using var dir = new TempDataDir();
        dir.Zones.Add("khoi-1", "Khối 1");
        using var certificate = SelfSigned();
        var pfx = Path.Combine(dir.Path, "console-test.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, "test-pfx"));
        await using var hub = await TestHub.StartAsync(dir.Path, settings: new Dictionary<string, string>
        {
            ["Http:Urls"] = "https://127.0.0.1:0",
            ["Http:CertificateFile"] = pfx,
            ["Http:CertificatePassword"] = "test-pfx",
        });
        hub.Get<PasswordLogin>().CreateFirstAdmin(ConsoleHub.AdminName, ConsoleHub.AdminPassword);
        using var client = new ConsoleClient(hub.Http.BaseAddress!, acceptCertificate: certificate);

        var login = await client.LoginAsync(ConsoleHub.AdminName, ConsoleHub.AdminPassword);

        login.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var cookie = ConsoleClient.SetCookies(login).Single(c => c.StartsWith(ConsoleAuth.CookieName + "=", StringComparison.Ordinal)).ToLowerInvariant();
        cookie.Should().Contain("; secure").And.Contain("httponly").And.Contain("samesite=strict");
    }

    [Fact]
    public async Task Disabling_a_user_ends_their_session_at_once()
    {
        await using var hub = await ConsoleHub.StartAsync();
        hub.AddHamletHead();
        using var client = new ConsoleClient(hub.BaseAddress);
        await client.LoginAsync(ConsoleHub.HeadName, ConsoleHub.HeadPassword);
        (await client.Http.GetAsync("/api/v1/me")).StatusCode.Should().Be(HttpStatusCode.OK);

        hub.Get<UserStore>().SetDisabled(ConsoleHub.HeadName, true);

        (await client.Http.GetAsync("/api/v1/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Cookie_authenticated_live_websocket_from_another_origin_is_refused()
    {
        await using var hub = await ConsoleHub.StartAsync();
        using var client = new ConsoleClient(hub.BaseAddress);
        await client.LoginAsync(ConsoleHub.AdminName, ConsoleHub.AdminPassword);
        var uri = new Uri($"ws://{hub.BaseAddress.Authority}/api/v1/live?zones=khoi-1&class=priority");

        using var evil = new ClientWebSocket();
        evil.Options.Cookies = client.Cookies;
        evil.Options.SetRequestHeader("Origin", "http://evil.example");
        var refused = async () => await evil.ConnectAsync(uri, CancellationToken.None);
        (await refused.Should().ThrowAsync<WebSocketException>()).Which.Message.Should().Contain("403");

        using var same = new ClientWebSocket();
        same.Options.Cookies = client.Cookies;
        same.Options.SetRequestHeader("Origin", $"http://{hub.BaseAddress.Authority}");
        await same.ConnectAsync(uri, CancellationToken.None);
        same.State.Should().Be(WebSocketState.Open);
        await same.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
    }

    private static System.Security.Cryptography.X509Certificates.X509Certificate2 SelfSigned()
    {
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=127.0.0.1", key, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        var san = new System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        // Kestrel needs the private key in a form it can use on Linux: round-trip through PFX.
        return System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12(cert.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx), null);
    }

    private static FormUrlEncodedContent Form(string token, params (string Key, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", token)));
}
