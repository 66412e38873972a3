using TanKy.Hub.Accounts;
using TanKy.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace TanKy.Web.Tests.Journeys;

/// <summary>A fresh hub in a real browser: the admin is created on the setup page, then creates a hamlet head.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class FirstRun_Tests(Browser browser)
{
    [Fact]
    public async Task Fresh_hub_asks_for_the_admin_who_signs_in_and_creates_a_hamlet_head()
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

        await page.Locator("nav.nav a", new() { HasText = "Người dùng" }).ClickAsync();
        var form = page.Locator("#new-user");
        await form.Locator("input[name=name]").FillAsync("truong-khoi-1");
        await form.Locator("select[name=role]").SelectOptionAsync("hamlet-head");
        await form.Locator("input[name=zoneIds][value='khoi-1']").CheckAsync();
        await form.Locator("input[name=password]").FillAsync("mat-khau-truong-khoi");
        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator("tr[data-name='truong-khoi-1']")).ToContainTextAsync("Trưởng khối/xóm");
        await Expect(page.Locator("tr[data-name='truong-khoi-1']")).ToContainTextAsync("khoi-1");
        await Screenshots.SaveAsync(page, "users");
        var head = hub.Get<UserStore>().Find("truong-khoi-1")!;
        head.Role.Should().Be(Role.HamletHead);
        head.Zones.Should().Equal("khoi-1");

        await page.LogoutAsync();
        await page.LoginAsync("truong-khoi-1", "mat-khau-truong-khoi");
        await Expect(page.Locator("header .user")).ToContainTextAsync("truong-khoi-1 · Trưởng khối/xóm");
        await Expect(page.Locator("nav.nav")).Not.ToContainTextAsync("Người dùng");
    }

    [Fact]
    public async Task Language_switch_turns_the_console_english_and_back()
    {
        await using var hub = await ConsoleHub.StartAsync();
        var page = await browser.NewPageAsync(hub);
        await page.LoginAsync(ConsoleHub.AdminName, ConsoleHub.AdminPassword);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "vi");

        await page.Locator(".lang a", new() { HasText = "EN" }).ClickAsync();
        await Expect(page.Locator("nav.nav")).ToContainTextAsync("Devices");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");

        await page.Locator(".lang a", new() { HasText = "VI" }).ClickAsync();
        await Expect(page.Locator("nav.nav")).ToContainTextAsync("Thiết bị");
    }
}
