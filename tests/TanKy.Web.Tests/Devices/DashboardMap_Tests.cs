using System.Globalization;
using Microsoft.Playwright;
using TanKy.EndToEnd.Tests.Foundation;
using TanKy.Hub.Broadcasts;
using TanKy.Hub.Devices;
using TanKy.Protocol;
using TanKy.Tests.Shared;
using TanKy.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace TanKy.Web.Tests.Devices;

/// <summary>The dashboard map: zoomed to a hamlet head's hamlet, and speakers coloured by delivery outcome during a broadcast.</summary>
[Collection(OnAirCollection.Name)]
public sealed class DashboardMap_Tests(Browser browser)
{
    [Fact]
    public async Task A_hamlet_heads_map_covers_only_their_hamlets_devices()
    {
        await using var hub = await ConsoleHub.StartAsync();
        hub.AddHamletHead();
        var devices = hub.Get<DeviceRegistry>().List();

        var head = await browser.NewPageAsync(hub, phone: true);
        await head.LoginAsync(ConsoleHub.HeadName, ConsoleHub.HeadPassword);
        var bounds = await BoundsAsync(head);
        foreach (var d in devices)
        {
            Inside(bounds, d.Lat!.Value, d.Lon!.Value).Should().Be(d.Zones.Contains("khoi-1"), $"{d.Id} ({string.Join(",", d.Zones)}) is on the map only when it is in Khối 1");
        }

        // Zoomed: Khối 1's pins spread over the map instead of sitting in one corner of the commune.
        var xs = await head.Locator("svg.map .pin circle").EvaluateAllAsync<double[]>("cs => cs.map(c => Number(c.getAttribute('cx')))");
        xs.Should().HaveCount(3);
        (xs.Max() - xs.Min()).Should().BeGreaterThan(300, "the map is 600 units wide and shows only Khối 1");
        await Screenshots.SaveAsync(head, "map-hamlet-head-phone");

        var admin = await browser.NewPageAsync(hub);
        await admin.LoginAsync(ConsoleHub.AdminName, ConsoleHub.AdminPassword);
        var whole = await BoundsAsync(admin);
        devices.Should().OnlyContain(d => Inside(whole, d.Lat!.Value, d.Lon!.Value), "the officer's map covers the whole commune");
        await NoLabelsOverlapAsync(admin);
    }

    [Fact]
    public async Task During_a_broadcast_speakers_are_coloured_by_delivery_outcome()
    {
        await using var hub = await ConsoleHub.StartAsync(withDevices: true);
        await hub.Nodes["loa-khoi-1-a"].WaitForClockSynchronisedAsync(CommuneHarness.Wait);
        var clip = await hub.ImportClipAsync("Bản tin trưa", TimeSpan.FromSeconds(30));
        var offline = hub.Commune.WaitForStatusAsync("loa-xom-3-a", DeviceStatus.Offline);
        await hub.Nodes["loa-xom-3-a"].StopAsync();
        await offline;

        var page = await browser.NewPageAsync(hub);
        await page.LoginAsync(ConsoleHub.AdminName, ConsoleHub.AdminPassword);
        var broadcasts = hub.Get<IBroadcastService>();
        var ticket = await broadcasts.PlayAsync(new BroadcastRequest(clip, BulletinClass.Priority, ["khoi-1", "xom-3"], ConsoleHub.AdminName, "api"));

        await Expect(page.Locator("svg.map .pin.outcome-played[data-id='loa-khoi-1-a']")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Expect(page.Locator("svg.map .pin.outcome-offline[data-id='loa-xom-3-a']")).ToHaveCountAsync(1);
        await Expect(page.Locator("#outcome-legend")).ToContainTextAsync("Đang phát / đã phát");
        await Screenshots.SaveAsync(page, "map-broadcast-outcomes");

        await broadcasts.StopAsync(ticket.BroadcastId, "test");
        await Expect(page.Locator("svg.map .pin[class*=outcome-]")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
    }

    private static async Task<double[]> BoundsAsync(IPage page)
    {
        var text = await page.Locator("svg.map").GetAttributeAsync("data-bounds");
        return text!.Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
    }

    private static bool Inside(double[] b, double lat, double lon) => lat >= b[0] && lon >= b[1] && lat <= b[2] && lon <= b[3];

    /// <summary>The hamlet names as the browser drew them: no two boxes intersect.</summary>
    private static async Task NoLabelsOverlapAsync(IPage page)
    {
        var boxes = await page.Locator("svg.map .zone-label").EvaluateAllAsync<double[][]>(
            "ts => ts.map(t => { const b = t.getBBox(); return [b.x, b.y, b.x + b.width, b.y + b.height]; })");
        boxes.Should().HaveCountGreaterThan(1);
        for (var i = 0; i < boxes.Length; i++)
        {
            for (var j = i + 1; j < boxes.Length; j++)
            {
                var (a, b) = (boxes[i], boxes[j]);
                var apart = a[2] <= b[0] || b[2] <= a[0] || a[3] <= b[1] || b[3] <= a[1];
                apart.Should().BeTrue($"labels {i} and {j} overlap");
            }
        }
    }
}
