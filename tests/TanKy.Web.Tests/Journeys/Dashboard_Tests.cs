using TanKy.EndToEnd.Tests.Foundation;
using TanKy.Hub.Broadcasts;
using TanKy.Protocol;
using TanKy.Tests.Shared;
using TanKy.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace TanKy.Web.Tests.Journeys;

/// <summary>The dashboard follows the hub live: simulated speakers show "playing" during a broadcast.</summary>
[Collection(OnAirCollection.Name)]
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
        var ticket = await broadcasts.PlayAsync(new BroadcastRequest(clip, BulletinClass.Priority, ["khoi-1"], ConsoleHub.AdminName, "api"));

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
        hub.Get<Hub.Availability.OfflineAlerts.AlertStore>().Open("loa-xom-3-a", "speaker", ["xom-3"], DateTimeOffset.UtcNow.AddMinutes(-20), DateTimeOffset.UtcNow);
        var page = await browser.NewPageAsync(hub, phone: true);
        await page.LoginAsync(ConsoleHub.AdminName, ConsoleHub.AdminPassword);

        await Expect(page.Locator("li.alert")).ToContainTextAsync("loa-xom-3-a");
        await Expect(page.Locator("nav.nav")).ToBeHiddenAsync();
        await page.Locator("label.menu-button").ClickAsync();
        await Expect(page.Locator("nav.nav")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "dashboard-phone");
    }
}

/// <summary>The dashboard's live part over plain HTTP: an idle poll is a 304 without a body.</summary>
[Collection(OnAirCollection.Name)]
public sealed class DashboardLive_Tests
{
    [Fact]
    public async Task Live_part_answers_304_while_nothing_changes_and_200_after_a_change()
    {
        await using var hub = await ConsoleHub.StartAsync();
        using var client = new ConsoleClient(hub.BaseAddress);
        await client.LoginAsync(ConsoleHub.AdminName, ConsoleHub.AdminPassword);
        var first = await client.Http.GetAsync("/?handler=Live");
        first.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        var tag = first.Headers.ETag!.ToString();

        var same = await Conditional(client, tag);
        same.StatusCode.Should().Be(System.Net.HttpStatusCode.NotModified);
        (await same.Content.ReadAsByteArrayAsync()).Should().BeEmpty();

        hub.Get<Hub.Availability.OfflineAlerts.AlertStore>().Open("loa-xom-3-a", "speaker", ["xom-3"], DateTimeOffset.UtcNow.AddMinutes(-20), DateTimeOffset.UtcNow);
        var changed = await Conditional(client, tag);
        changed.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        (await changed.Content.ReadAsStringAsync()).Should().Contain("loa-xom-3-a");
        changed.Headers.ETag!.ToString().Should().NotBe(tag);
    }

    private static async Task<HttpResponseMessage> Conditional(ConsoleClient client, string tag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/?handler=Live");
        request.Headers.TryAddWithoutValidation("If-None-Match", tag);
        return await client.Http.SendAsync(request);
    }
}
