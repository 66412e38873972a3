using TanKy.Hub.Broadcasts;
using TanKy.Web.Tests.Programme;
using TanKy.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace TanKy.Web.Tests.Broadcast;

/// <summary>The broadcast form for an officer: "Toàn xã" in two clicks, clips by title and length, a report in names, live frames.</summary>
[Collection(OnAirCollection.Name)]
public sealed class BroadcastForm_Tests(Browser browser)
{
    private static readonly Microsoft.Playwright.LocatorAssertionsToHaveTextOptions Long = new() { Timeout = 60_000 };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Whole_commune_is_two_clicks_and_the_report_names_speakers_and_hamlets(bool phone)
    {
        await using var console = await ProgrammeConsole.StartAsync(withDevices: true);
        await console.AddClipAsync("Thông báo tiêm phòng", 2);
        var page = await BroadcastHistoryConsole.OpenAsAdminAsync(browser, console, "/broadcast", phone);

        await Expect(page.Locator("#bc-media option").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Thông báo tiêm phòng — 2 giây · tải lên \d\d/\d\d/\d{4}$"));
        var zones = page.Locator("input[name=zones]");
        await page.Locator("#bc-select-all").ClickAsync();
        (await zones.EvaluateAllAsync<bool[]>("bs => bs.map(b => b.checked)")).Should().AllBeEquivalentTo(true);
        await Expect(page.Locator("#bc-whole")).ToBeCheckedAsync();
        await page.Locator("#bc-select-none").ClickAsync();
        (await zones.EvaluateAllAsync<bool[]>("bs => bs.map(b => b.checked)")).Should().AllBeEquivalentTo(false);
        await Expect(page.Locator("#bc-whole")).Not.ToBeCheckedAsync();

        // The two clicks: "Toàn xã", then "Phát" (class normal and the first clip are preselected).
        await page.Locator("#bc-whole").ClickAsync();
        await page.Locator("#broadcast-send").ClickAsync();

        var report = page.Locator("#report");
        await Expect(report.Locator("[data-field=status]")).ToHaveTextAsync("Đã phát xong", Long);
        var id = await report.Locator("[data-field=id]").TextContentAsync();
        console.Hub.Get<IBroadcastService>().Get(id!)!.Zones.Should().BeEquivalentTo("khoi-1", "xom-3");
        await Expect(report.Locator("[data-field=summary]")).ToContainTextAsync("Đã phát 2/2");
        await Expect(report.Locator("tr[data-device='loa-khoi-1-a'] td").Nth(0)).ToHaveTextAsync("Cụm loa Khối 1");
        await Expect(report.Locator("tr[data-device='loa-khoi-1-a'] td").Nth(1)).ToHaveTextAsync("Khối 1");
        await Expect(report.Locator("tr[data-device='loa-xom-3-a'] td").Nth(0)).ToHaveTextAsync("Cụm loa Xóm 3");
        var shown = await report.Locator("tbody").InnerTextAsync();
        shown.Should().NotContain("loa-").And.NotContain("khoi-1").And.NotContain("xom-3");
        await Screenshots.SaveAsync(page, phone ? "broadcast-whole-commune-phone" : "broadcast-whole-commune");
    }

    [Fact]
    public async Task Frames_played_grow_while_a_clip_plays_and_a_stopped_broadcast_reads_da_dung()
    {
        await using var console = await ProgrammeConsole.StartAsync(withDevices: true);
        await console.AddClipAsync("Bản tin dài", 30);
        var page = await BroadcastHistoryConsole.OpenAsAdminAsync(browser, console, "/broadcast");
        await page.Locator("input[name=zones][value='khoi-1']").CheckAsync();
        await page.Locator("#broadcast-send").ClickAsync();

        // Bounded wait on the page's own polling: the real simulator has started playing and the
        // report shows a count above 0 while the broadcast is still on the air.
        await page.WaitForFunctionAsync(
            "() => { const r = document.getElementById('report'); const row = r.querySelector(\"tr[data-device='loa-khoi-1-a']\");" +
            " return r.dataset.status === 'playing' && row && row.dataset.outcome === 'started' && Number(row.dataset.frames) > 0; }",
            null, new() { Timeout = 30_000, PollingInterval = 100 });
        var row = page.Locator("#report tr[data-device='loa-khoi-1-a']");
        await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^≈ [1-9]\d*$"));
        var first = long.Parse((await row.GetAttributeAsync("data-frames"))!, System.Globalization.CultureInfo.InvariantCulture);
        await page.WaitForFunctionAsync(
            $"() => Number(document.querySelector(\"#report tr[data-device='loa-khoi-1-a']\").dataset.frames) > {first}",
            null, new() { Timeout = 10_000, PollingInterval = 100 });

        await page.Locator("#broadcast-stop").ClickAsync();
        var report = page.Locator("#report");
        await Expect(report.Locator("[data-field=status]")).ToHaveTextAsync("Đã dừng", Long);
        await Expect(row).ToHaveAttributeAsync("data-outcome", "stopped", new() { Timeout = 30_000 });
        await Expect(report.Locator("[data-field=summary]")).ToContainTextAsync("đã dừng 1");
        await Expect(report.Locator("[data-field=summary]")).Not.ToContainTextAsync("xong");
        await Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("Đã dừng");
        await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^[1-9]\d*$"));
    }
}
