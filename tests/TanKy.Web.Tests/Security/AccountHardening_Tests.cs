using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using TanKy.Hub.Accounts;
using TanKy.Hub.Shared.Data;
using TanKy.Hub.Web.Console;
using TanKy.Web.Tests.Support;

namespace TanKy.Web.Tests.Security;

/// <summary>
/// Issue 14, accounts: throttling instead of lockout, tokens that need the password and die with
/// it, sessions that end with a password change. Real hub over real HTTP; the second machine is
/// 127.0.0.2 (all of 127.0.0.0/8 is loopback on Linux).
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class AccountHardening_Tests
{
    private static readonly IPAddress SecondMachine = IPAddress.Parse("127.0.0.2");

    [Fact]
    public async Task Fifty_wrong_passwords_from_one_address_do_not_stop_the_right_password_from_a_second_address()
    {
        await using var hub = await ConsoleHub.StartAsync();
        using var attacker = new ConsoleClient(hub.BaseAddress);
        var statuses = new List<HttpStatusCode>();
        var throttledPages = 0;
        for (var i = 0; i < 50; i++)
        {
            using var wrong = await attacker.LoginAsync(ConsoleHub.AdminName, "sai-mat-khau-" + i);
            statuses.Add(wrong.StatusCode);
            ConsoleClient.SetCookies(wrong).Should().NotContain(c => c.StartsWith(ConsoleAuth.CookieName + "=", StringComparison.Ordinal));
            if ((await wrong.Content.ReadAsStringAsync()).Contains("id=\"throttled\"", StringComparison.Ordinal))
            {
                wrong.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
                wrong.Headers.RetryAfter!.Delta.Should().BePositive();
                throttledPages++;
            }
        }

        statuses.Should().StartWith([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], "the first failures are answered normally");
        throttledPages.Should().BePositive("the throttle slows the guesser down and says so");
        using (var again = await attacker.LoginAsync(ConsoleHub.AdminName, ConsoleHub.AdminPassword))
        {
            // By now the per-address post limit (20 a minute) answers before the throttle: either way 429.
            again.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "the guessing address itself is still made to wait");
        }

        using var office = new ConsoleClient(hub.BaseAddress, localAddress: SecondMachine);
        using var right = await office.LoginAsync(ConsoleHub.AdminName, ConsoleHub.AdminPassword);
        right.StatusCode.Should().Be(HttpStatusCode.Redirect, "no lockout: the right password from another address works at once");
        (await office.Http.GetStringAsync("/api/v1/me")).Should().Contain(ConsoleHub.AdminName);

        using var c = hub.Get<Database>().Open();
        c.Query<string>("SELECT remote FROM console_audit WHERE action = 'login' AND outcome = 'allowed'").Should().Equal("127.0.0.2");
        c.ExecuteScalar<long>("SELECT COUNT(*) FROM console_audit WHERE action = 'login' AND reason = 'audit.reason.throttled' AND remote = '127.0.0.1'").Should().Be(throttledPages);
    }

    [Fact]
    public async Task A_token_created_before_a_password_change_is_refused_after_it_and_so_is_every_other_session()
    {
        await using var hub = await ConsoleHub.StartAsync();
        using var me = new ConsoleClient(hub.BaseAddress);
        using var stolen = new ConsoleClient(hub.BaseAddress, localAddress: SecondMachine);
        (await me.LoginAsync(ConsoleHub.AdminName, ConsoleHub.AdminPassword)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await stolen.LoginAsync(ConsoleHub.AdminName, ConsoleHub.AdminPassword)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var fromConsole = await CreateTokenAsync(me, "may-van-phong", ConsoleHub.AdminPassword);
        fromConsole.Should().StartWith("tk_");
        var fromCli = hub.Get<TokenService>().Create(ConsoleHub.AdminName, "cli");
        using (var bearer = hub.Commune.Hub.ClientWithToken(fromConsole))
        {
            (await bearer.GetAsync("/api/v1/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using var changed = await PostAccountAsync(me, "Password", ("current", ConsoleHub.AdminPassword), ("password", "mat-khau-moi-12345"), ("confirm", "mat-khau-moi-12345"));
        (await changed.Content.ReadAsStringAsync()).Should().Contain("Đã đổi mật khẩu");

        foreach (var token in new[] { fromConsole, fromCli })
        {
            using var bearer = hub.Commune.Hub.ClientWithToken(token);
            (await bearer.GetAsync("/api/v1/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "tokens made before the change are revoked");
        }

        (await stolen.Http.GetAsync("/api/v1/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the other session's cookie is refused");
        (await me.Http.GetAsync("/api/v1/me")).StatusCode.Should().Be(HttpStatusCode.OK, "the session that changed it was renewed");
    }

    [Fact]
    public async Task A_session_cannot_create_a_token_without_the_password()
    {
        await using var hub = await ConsoleHub.StartAsync();
        using var client = new ConsoleClient(hub.BaseAddress);
        await client.LoginAsync(ConsoleHub.AdminName, ConsoleHub.AdminPassword);

        foreach (var password in new[] { "", "khong-phai-mat-khau" })
        {
            using var refused = await PostAccountAsync(client, "CreateToken", ("name", "ke-trom"), ("days", "30"), ("password", password));
            var html = await refused.Content.ReadAsStringAsync();
            html.Should().NotContain("id=\"new-token\"").And.Contain("Mật khẩu hiện tại không đúng.");
        }

        using var c = hub.Get<Database>().Open();
        c.ExecuteScalar<long>("SELECT COUNT(*) FROM api_tokens").Should().Be(0);
        c.ExecuteScalar<long>("SELECT COUNT(*) FROM console_audit WHERE action = 'token-create' AND outcome = 'refused'").Should().Be(2);

        var token = await CreateTokenAsync(client, "that-su", ConsoleHub.AdminPassword);
        hub.Get<TokenService>().Validate(token)!.Name.Should().Be(ConsoleHub.AdminName);
        hub.Get<TokenService>().List().Single().ExpiresAt.Should().NotBeNull();
    }

    [Fact]
    public async Task Guessing_the_current_password_on_the_account_page_is_throttled()
    {
        await using var hub = await ConsoleHub.StartAsync();
        using var thief = new ConsoleClient(hub.BaseAddress, localAddress: SecondMachine);
        await thief.LoginAsync(ConsoleHub.AdminName, ConsoleHub.AdminPassword);

        var throttled = false;
        for (var i = 0; i < 10 && !throttled; i++)
        {
            using var guess = await PostAccountAsync(thief, "Password", ("current", "doan-" + i), ("password", "mat-khau-moi-12345"), ("confirm", "mat-khau-moi-12345"));
            throttled = guess.StatusCode == HttpStatusCode.TooManyRequests;
            if (throttled)
            {
                guess.Headers.RetryAfter!.Delta.Should().BePositive();
                (await guess.Content.ReadAsStringAsync()).Should().Contain("Thử sai mật khẩu quá nhiều lần");
            }
        }

        throttled.Should().BeTrue("a stolen session must not be a password oracle");
        using var owner = new ConsoleClient(hub.BaseAddress);
        (await owner.LoginAsync(ConsoleHub.AdminName, ConsoleHub.AdminPassword)).StatusCode.Should().Be(HttpStatusCode.Redirect, "the owner, elsewhere, is not kept out");
    }

    private static async Task<string> CreateTokenAsync(ConsoleClient client, string name, string password)
    {
        using var response = await PostAccountAsync(client, "CreateToken", ("name", name), ("days", "30"), ("password", password));
        var html = await response.Content.ReadAsStringAsync();
        return NewToken().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("no new token on the page");
    }

    private static async Task<HttpResponseMessage> PostAccountAsync(ConsoleClient client, string handler, params (string Key, string Value)[] fields)
    {
        var token = await client.FormTokenAsync("/account");
        var form = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", token)));
        return await client.Http.PostAsync($"/account?handler={handler}", form);
    }

    [GeneratedRegex("id=\"new-token\">.*?<code>(tk_[^<]+)</code>", RegexOptions.Singleline)]
    private static partial Regex NewToken();
}
