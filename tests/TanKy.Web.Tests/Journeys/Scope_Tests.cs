using TanKy.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace TanKy.Web.Tests.Journeys;

/// <summary>A hamlet head sees only their hamlet, and the other hamlets' endpoints answer 403 even when called directly.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class Scope_Tests(Browser browser)
{
    [Fact]
    public async Task Hamlet_head_sees_only_their_hamlet_and_gets_403_for_another()
    {
        await using var hub = await ConsoleHub.StartAsync(withDevices: true);
        hub.AddHamletHead();
        var page = await browser.NewPageAsync(hub, phone: true);
        await page.LoginAsync(ConsoleHub.HeadName, ConsoleHub.HeadPassword);

        await Expect(page.Locator("tr[data-zone]")).ToHaveCountAsync(1);
        await Expect(page.Locator("tr[data-zone='khoi-1']")).ToBeVisibleAsync();
        await Expect(page.Locator("svg.map .pin")).ToHaveCountAsync(3, new() { Timeout = 5_000 });
        await Expect(page.Locator("svg.map .pin[data-id='loa-xom-3-a']")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "dashboard-hamlet-head");

        await page.GotoAsync("/devices");
        await Expect(page.Locator("#devices tbody tr")).ToHaveCountAsync(3);
        await Expect(page.Locator("#devices")).Not.ToContainTextAsync("loa-xom-3-a");
        await Expect(page.Locator("select[name=zone] option")).ToHaveCountAsync(2); // "Tất cả" and Khối 1
        await Expect(page.Locator("form.command")).ToHaveCountAsync(0); // hamlet heads read, they do not control
        await Screenshots.SaveAsync(page, "devices-hamlet-head");

        var api = page.Context.APIRequest;
        (await api.GetAsync("/api/v1/devices/loa-xom-3-a")).Status.Should().Be(403);
        (await api.GetAsync("/api/v1/devices/loa-xom-3-a/state")).Status.Should().Be(403);
        (await api.GetAsync("/api/v1/devices/loa-xom-3-a/commands")).Status.Should().Be(403);
        (await api.GetAsync("/api/v1/devices/loa-xom-3-a/snapshots")).Status.Should().Be(403);
        var zones = await (await api.GetAsync("/api/v1/zones")).TextAsync();
        zones.Should().Contain("khoi-1").And.NotContain("xom-3");
        (await api.GetAsync("/api/v1/reports?period=2026-11&zone=xom-3&format=csv")).Status.Should().Be(403);
        (await api.GetAsync("/api/v1/devices/loa-khoi-1-a")).Status.Should().Be(200);
        var list = await (await api.GetAsync("/api/v1/devices")).TextAsync();
        list.Should().Contain("loa-khoi-1-a").And.NotContain("loa-xom-3-a");

        var report = await page.GotoAsync("/reports?period=2026-11&zone=xom-3");
        report!.Status.Should().Be(403);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Không có quyền");
        await Screenshots.SaveAsync(page, "denied");
        (await page.GotoAsync("/users"))!.Status.Should().Be(403);
    }
}
