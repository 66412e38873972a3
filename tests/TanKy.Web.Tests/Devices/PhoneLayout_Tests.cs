using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using TanKy.Hub.Broadcasts;
using TanKy.Protocol;
using TanKy.Web.Tests.Support;

namespace TanKy.Web.Tests.Devices;

/// <summary>
/// Every console page on a 390×844 phone: nothing wider than the screen (no sideways scrolling),
/// and a one-line header. The pages are read from the hub's own endpoint table, so a page added
/// later is checked without touching this test.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class PhoneLayout_Tests(Browser browser)
{
    /// <summary>Pages that do something on GET other than show a page: sign-out redirects home, the language switch sets a cookie.</summary>
    private static readonly string[] NotPages = ["/logout"];

    [Fact]
    public async Task No_console_page_scrolls_sideways_on_a_phone()
    {
        await using var hub = await ConsoleHub.StartAsync(withDevices: true);
        await DeviceFormSteps.AddLedBoardAsync(hub);
        var clip = await hub.ImportClipAsync("Thông báo lịch tiêm chủng mở rộng cho trẻ em dưới năm tuổi tại trạm y tế xã", TimeSpan.FromSeconds(3));
        var ticket = await hub.Get<IBroadcastService>().PlayAsync(new BroadcastRequest(clip, BulletinClass.Normal, ["khoi-1", "xom-3"], ConsoleHub.AdminName, "api"));
        await hub.Get<IBroadcastService>().StopAsync(ticket.BroadcastId, "test");

        var (paths, skipped) = ConsolePaths(hub);
        paths.Should().Contain(["/", "/devices", "/audit", "/users", "/reports"]).And.HaveCountGreaterThan(8);
        var page = await browser.NewPageAsync(hub, phone: true);
        await page.LoginAsync(ConsoleHub.AdminName, ConsoleHub.AdminPassword);

        var header = await page.Locator("header.top").BoundingBoxAsync();
        header!.Height.Should().BeLessThan(56, "the header folds to one line on a phone (it was ~100 px)");

        var wide = new List<string>();
        foreach (var path in paths)
        {
            await page.GotoAsync(path);
            var width = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
            if (width[0] > width[1])
            {
                var culprits = await page.EvaluateAsync<string[]>(
                    "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)" +
                    ".slice(0, 4).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && e.className.baseVal === undefined ? '.' + e.className : ''))");
                wide.Add($"{path}: {width[0]} px > {width[1]} px ({string.Join(", ", culprits)})");
                await Screenshots.SaveAsync(page, "too-wide" + path.Replace('/', '-'));
            }
        }

        wide.Should().BeEmpty($"no page may scroll sideways at 390×844 (checked {paths.Count}: {string.Join(" ", paths)}; not reachable without an id: {string.Join(" ", skipped)})");

        // The devices page's command column is on screen: the cards put it under the device, not off to the right.
        await page.GotoAsync("/devices");
        var command = page.Locator("tr[data-id='loa-khoi-1-a'] form.command button");
        await command.ScrollIntoViewIfNeededAsync();
        var box = await command.BoundingBoxAsync();
        (box!.X + box.Width).Should().BeLessThanOrEqualTo(390);
        await Screenshots.SaveAsync(page, "devices-phone");
    }

    /// <summary>GET paths of every Razor page (optional route values dropped); pages that need an id are listed apart.</summary>
    private static (List<string> Paths, List<string> Skipped) ConsolePaths(ConsoleHub hub)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        var skipped = new List<string>();
        foreach (var endpoint in hub.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is null)
            {
                continue;
            }

            var pattern = endpoint.RoutePattern;
            if (pattern.Parameters.Any(p => !p.IsOptional && p.Default is null))
            {
                skipped.Add("/" + pattern.RawText);
                continue;
            }

            var segments = pattern.PathSegments
                .Where(s => s.Parts.All(p => p is Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart))
                .Select(s => string.Concat(s.Parts.OfType<Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart>().Select(p => p.Content)));
            var path = "/" + string.Join('/', segments);
            if (!NotPages.Contains(path, StringComparer.OrdinalIgnoreCase))
            {
                paths.Add(path);
            }
        }

        return (paths.ToList(), skipped);
    }
}
