using System.Net;
using TanKy.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace TanKy.Web.Tests.Journeys;

/// <summary>My account: API tokens (shown once, usable, revocable) and the password.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class Account_Tests(Browser browser)
{
    [Fact]
    public async Task Hamlet_head_creates_uses_and_revokes_an_api_token()
    {
        await using var hub = await ConsoleHub.StartAsync();
        hub.AddHamletHead();
        var page = await browser.NewPageAsync(hub, phone: true);
        await page.LoginAsync(ConsoleHub.HeadName, ConsoleHub.HeadPassword);
        await page.GotoAsync("/account");

        await page.Locator("#token-form input[name=name]").FillAsync("dien-thoai");
        await page.Locator("#token-form input[name=days]").FillAsync("30");
        await page.Locator("#token-form input[name=password]").FillAsync(ConsoleHub.HeadPassword);
        await page.Locator("#token-form button").ClickAsync();
        var token = (await page.Locator("#new-token code").TextContentAsync())!.Trim();
        token.Should().StartWith("tk_");
        await Screenshots.SaveAsync(page, "account");
        using (var bearer = hub.Commune.Hub.ClientWithToken(token))
        {
            (await bearer.GetStringAsync("/api/v1/me")).Should().Contain(ConsoleHub.HeadName);
        }

        await page.GotoAsync("/account");
        await Expect(page.Locator("#new-token")).ToHaveCountAsync(0); // shown once: never again
        // Revoking asks first: dismissed, the token stays; accepted, it is revoked.
        var accept = false;
        string? asked = null;
        page.Dialog += async (_, dialog) =>
        {
            asked = dialog.Message;
            await (accept ? dialog.AcceptAsync() : dialog.DismissAsync());
        };
        await page.Locator("#tokens tbody tr form button").ClickAsync();
        asked.Should().StartWith("Thu hồi khoá truy cập này?");
        using (var still = hub.Commune.Hub.ClientWithToken(token))
        {
            (await still.GetAsync("/api/v1/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        accept = true;
        await page.Locator("#tokens tbody tr form button").ClickAsync();
        await Expect(page.Locator("#tokens tbody tr")).ToContainTextAsync("Đã thu hồi");
        using (var revoked = hub.Commune.Hub.ClientWithToken(token))
        {
            (await revoked.GetAsync("/api/v1/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task Changing_the_password_needs_the_current_one_and_the_new_one_signs_in()
    {
        await using var hub = await ConsoleHub.StartAsync();
        var page = await browser.NewPageAsync(hub);
        await page.LoginAsync(ConsoleHub.AdminName, ConsoleHub.AdminPassword);
        await page.GotoAsync("/account");
        var form = page.Locator("#password-form");

        await form.Locator("input[name=current]").FillAsync("khong-phai-mat-khau");
        await form.Locator("input[name=password]").FillAsync("mat-khau-moi-12345");
        await form.Locator("input[name=confirm]").FillAsync("mat-khau-moi-12345");
        await form.Locator("button").ClickAsync();
        await Expect(page.Locator("#message.error")).ToHaveTextAsync("Mật khẩu hiện tại không đúng.");

        await form.Locator("input[name=current]").FillAsync(ConsoleHub.AdminPassword);
        await form.Locator("input[name=password]").FillAsync("mat-khau-moi-12345");
        await form.Locator("input[name=confirm]").FillAsync("mat-khau-moi-12345");
        await form.Locator("button").ClickAsync();
        await Expect(page.Locator("#message")).ToContainTextAsync("Đã đổi mật khẩu");
        await page.GotoAsync("/devices");
        await Expect(page.Locator("h1")).ToContainTextAsync("Thiết bị", new() { Timeout = 5_000 }); // this session was renewed

        await page.LogoutAsync();
        await page.LoginAsync(ConsoleHub.AdminName, "mat-khau-moi-12345");
        await Expect(page.Locator("header .user")).ToContainTextAsync(ConsoleHub.AdminName);
    }
}
