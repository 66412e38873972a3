using TanKy.EndToEnd.Tests.Foundation;
using TanKy.Hub.Broadcasts;
using TanKy.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace TanKy.Web.Tests.Journeys;

/// <summary>The dashboard follows the hub live: simulated speakers show "playing" during a broadcast.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class Dashboard_Tests(Browser browser)
{
    [Fact]
    public async Task A_broadcast_shows_its_simulated_speaker_playing_on_the_map_and_in_the_zone_then_silent_again()
    {
        await using var hub = await ConsoleHub.StartAsync(withDevices: true);
        await hub.Nodes["loa-khoi-1-a"].WaitForClockSynchronisedAsync(CommuneHarness.Wait);
        var clip = await hub.ImportClipAsync("Bản tin sáng thứ Bảy", TimeSpan.FromSeconds(30));
        var page = await browser.NewPageAsync(hub);
        await page.LoginAsync(ConsoleHub.AdminName, ConsoleHub.AdminPassword);
        await Expect(page.Locator("#online-count")).ToHaveTextAsync("4/4");
        await Expect(page.Locator(".speaker[data-id='loa-khoi-1-a'] .badge")).ToHaveTextAsync("Trực tuyến");

        var broadcasts = hub.Get<IBroadcastService>();
        var ticket = await broadcasts.PlayAsync(new BroadcastRequest(clip, BroadcastClass.Priority, ["khoi-1"], ConsoleHub.AdminName, "api"));

        // The page refreshes itself every 3 s: no reload, the speaker turns "playing" once it reports the start.
        await Expect(page.Locator(".speaker[data-id='loa-khoi-1-a'] .badge")).ToHaveTextAsync("Đang phát", new() { Timeout = 30_000 });
        await Expect(page.Locator("svg.map .pin.playing[data-id='loa-khoi-1-a']")).ToHaveCountAsync(1);
        await Expect(page.Locator("tr[data-zone='khoi-1'] .now")).ToContainTextAsync("Bản tin sáng thứ Bảy");
        await Expect(page.Locator("tr[data-zone='khoi-1'] .now")).ToContainTextAsync("Ưu tiên");
        await Expect(page.Locator(".speaker[data-id='loa-xom-3-a'] .badge")).ToHaveTextAsync("Trực tuyến", new() { Timeout = 1_000 });
        await Screenshots.SaveAsync(page, "dashboard");

        await broadcasts.StopAsync(ticket.BroadcastId, "test");
        await Expect(page.Locator("tr[data-zone='khoi-1'] .now")).ToContainTextAsync("Không phát", new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task Dashboard_on_a_phone_shows_the_menu_button_and_open_alerts()
    {
        await using var hub = await ConsoleHub.StartAsync();
        hub.Get<Hub.Availability.Alerts.AlertStore>().Open("loa-xom-3-a", "speaker", ["xom-3"], DateTimeOffset.UtcNow.AddMinutes(-20), DateTimeOffset.UtcNow);
        var page = await browser.NewPageAsync(hub, phone: true);
        await page.LoginAsync(ConsoleHub.AdminName, ConsoleHub.AdminPassword);

        await Expect(page.Locator("li.alert")).ToContainTextAsync("loa-xom-3-a");
        await Expect(page.Locator("nav.nav")).ToBeHiddenAsync();
        await page.Locator("label.menu-button").ClickAsync();
        await Expect(page.Locator("nav.nav")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "dashboard-phone");
    }
}
