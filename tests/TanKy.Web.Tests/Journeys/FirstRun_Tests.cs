using Microsoft.Playwright;
using TanKy.Hub.Accounts;
using TanKy.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace TanKy.Web.Tests.Journeys;

/// <summary>A fresh hub in a real browser: the admin account is created on the setup page.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class FirstRun_Tests(Browser browser)
{
    [Fact]
    public async Task Fresh_hub_asks_for_the_admin_then_signs_in_in_vietnamese_and_switches_to_english()
    {
        await using var hub = await ConsoleHub.StartAsync(withAdmin: false);
        var page = await browser.NewPageAsync(hub);

        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/setup$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Cài đặt lần đầu");
        await Screenshots.SaveAsync(page, "setup");
        await page.Locator("input[name=name]").FillAsync("quan-tri");
        await page.Locator("input[name=password]").FillAsync("mat-khau-rat-dai-1");
        await page.Locator("input[name=confirm]").FillAsync("mat-khau-rat-dai-1");
        await page.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator("header .user")).ToContainTextAsync("quan-tri · Quản trị");
        hub.Get<UserStore>().Find("quan-tri")!.Role.Should().Be(Role.Admin);

        await page.LogoutAsync();
        await Screenshots.SaveAsync(page, "login");
        await page.LoginAsync("quan-tri", "mat-khau-rat-dai-1");
        await Expect(page.Locator("nav.nav")).ToContainTextAsync("Thiết bị");
        await Screenshots.SaveAsync(page, "dashboard-skeleton");

        await page.Locator(".lang a", new() { HasText = "EN" }).ClickAsync();
        await Expect(page.Locator("nav.nav")).ToContainTextAsync("Devices");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
    }
}
