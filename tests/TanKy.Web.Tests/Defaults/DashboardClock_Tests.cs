using System.Globalization;
using Microsoft.Playwright;
using TanKy.Hub.Shared;
using TanKy.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace TanKy.Web.Tests.Defaults;

/// <summary>
/// The dashboard's "updated" clock shows the commune's time, also after the page refreshes itself
/// (every 3 s), in a browser whose own time zone is far from Vietnam's (it used to switch to the
/// browser's zone at the first refresh).
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class DashboardClock_Tests(Browser browser)
{
    [Fact]
    public async Task The_clock_stays_in_vietnam_time_after_refreshing_in_a_browser_in_another_time_zone()
    {
        await using var hub = await ConsoleHub.StartAsync();
        var context = await browser.Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = hub.BaseAddress.ToString().TrimEnd('/'),
            Locale = "vi-VN",
            TimezoneId = "America/Los_Angeles",
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        await page.LoginAsync(ConsoleHub.AdminName, ConsoleHub.AdminPassword);
        (await page.EvaluateAsync<string>("Intl.DateTimeFormat().resolvedOptions().timeZone")).Should().Be("America/Los_Angeles");
        var clock = page.Locator("#checked-at");
        var rendered = await clock.TextContentAsync();

        // The first refresh rewrites the clock (3 s later, so at least 3 s on).
        await Expect(clock).Not.ToHaveTextAsync(rendered!, new() { Timeout = 15_000 });
        var shown = TimeOnly.ParseExact((await clock.TextContentAsync())!.Trim(), "HH:mm:ss", CultureInfo.InvariantCulture);

        var vietnam = TimeOnly.FromDateTime(CommuneTime.ToLocal(DateTimeOffset.UtcNow).DateTime);
        var apart = Math.Abs((vietnam - shown).TotalMinutes);
        Math.Min(apart, (24 * 60) - apart).Should().BeLessThan(1, $"shown {shown}, Vietnam {vietnam}: the commune's time, not Los Angeles' (15 h apart)");
        await context.CloseAsync();
    }
}
