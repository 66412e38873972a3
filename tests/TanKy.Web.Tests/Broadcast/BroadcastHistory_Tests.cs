using Microsoft.Playwright;
using TanKy.Hub.Broadcasts;
using TanKy.Hub.Shared;
using TanKy.Protocol;
using TanKy.Web.Tests.Programme;
using TanKy.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;
using static TanKy.Web.Tests.Broadcast.BroadcastHistoryConsole;

namespace TanKy.Web.Tests.Broadcast;

/// <summary>"Lịch sử phát": archived recordings that play in the browser, filters and paging, hamlet-head scope.</summary>
[Collection(OnAirCollection.Name)]
public sealed class BroadcastHistory_Tests(Browser browser)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_archived_recording_plays_in_the_page_and_its_report_opens(bool phone)
    {
        await using var console = await ProgrammeConsole.StartAsync(withDevices: true);
        var clip = await console.AddClipAsync("Thông báo họp dân", 3);
        var id = await PlayAsync(console, clip, "khoi-1");
        var recording = await RecordingAsync(console, id);
        var page = await OpenAsAdminAsync(browser, console, "/", phone);

        if (phone)
        {
            await page.Locator("label.menu-button").ClickAsync();
        }

        await page.Locator("nav a[href='/history']").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Lịch sử phát");
        var row = page.Locator($"#history tr[data-id='{id}']");
        await Expect(row).ToContainTextAsync("Thông báo họp dân");
        await Expect(row).ToContainTextAsync("Khối 1");
        await Expect(row).ToContainTextAsync("3 giây");

        await row.Locator("button.play").ClickAsync();
        var player = page.Locator("#history-player");
        await page.WaitForFunctionAsync("() => { const a = document.getElementById('history-player'); return isFinite(a.duration) && a.duration > 0 && a.currentTime > 0; }",
            null, new() { Timeout = 20_000, PollingInterval = 100 });
        var duration = await player.EvaluateAsync<double>("a => a.duration");
        duration.Should().BeApproximately(recording.DurationMs!.Value / 1000.0, 0.25, "the <audio> reads the archive's own length");
        await Screenshots.SaveAsync(page, phone ? "history-phone" : "history");

        var (status, type) = await FetchAsync(page, $"/history/recording/{id}", "bytes=0-99");
        (status, type).Should().Be((206, "audio/ogg; codecs=opus"));

        await row.Locator("button.open-report").ClickAsync();
        var report = page.Locator("#report");
        await Expect(report.Locator("[data-field=status]")).ToHaveTextAsync("Đã phát xong");
        await Expect(report.Locator("tr[data-device='loa-khoi-1-a'] td").First).ToHaveTextAsync("Cụm loa Khối 1");
    }

    [Fact]
    public async Task Filters_by_dates_hamlet_class_and_who_and_pages_twenty_at_a_time()
    {
        await using var console = await ProgrammeConsole.StartAsync(withDevices: true);
        var clip = await console.AddClipAsync("Nhạc hiệu", 1);
        var ids = new List<string>();
        for (var i = 0; i < 19; i++)
        {
            ids.Add(await PlayAsync(console, clip, "khoi-1"));
        }

        var priority = await PlayAsync(console, clip, "xom-3", BulletinClass.Priority, "can-bo-van-hoa");
        var normal = await PlayAsync(console, clip, "xom-3", BulletinClass.Normal, "can-bo-van-hoa");
        var day = CommuneTime.LocalDate(console.Hub.Get<IBroadcastService>().Get(normal)!.RequestedAt);
        var page = await OpenAsAdminAsync(browser, console, "/history");
        var rows = page.Locator("#history tbody tr");

        await Expect(page.Locator("#history-count")).ToHaveTextAsync("21 bản tin");
        await Expect(rows).ToHaveCountAsync(20);
        await page.Locator("#history-next").ClickAsync();
        await Expect(page.Locator("#history-page")).ToHaveTextAsync("Trang 2/2");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToHaveAttributeAsync("data-id", ids[0]);

        await page.GotoAsync("/history");
        await page.Locator("select[name=class]").SelectOptionAsync("priority");
        await page.Locator("#history-filter button[type=submit]").ClickAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToHaveAttributeAsync("data-id", priority);

        await page.Locator("select[name=class]").SelectOptionAsync("");
        await page.Locator("select[name=zone]").SelectOptionAsync("xom-3");
        await page.Locator("#history-filter button[type=submit]").ClickAsync();
        await Expect(rows).ToHaveCountAsync(2);

        await page.Locator("select[name=zone]").SelectOptionAsync("");
        await page.Locator("select[name=who]").SelectOptionAsync("can-bo-van-hoa");
        await page.Locator("#history-filter button[type=submit]").ClickAsync();
        await Expect(rows).ToHaveCountAsync(2);
        (await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.operator)")).Should().AllBeEquivalentTo("can-bo-van-hoa");

        await page.GotoAsync($"/history?from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}");
        await Expect(page.Locator("#history-count")).ToHaveTextAsync("21 bản tin");
        await page.GotoAsync($"/history?from={day.AddDays(1):yyyy-MM-dd}");
        await Expect(rows).ToHaveCountAsync(0);
        await Expect(page.Locator("#history-empty")).ToBeVisibleAsync();
        await page.GotoAsync($"/history?to={day.AddDays(-1):yyyy-MM-dd}");
        await Expect(rows).ToHaveCountAsync(0);

        await page.GotoAsync($"/history?from={day:yyyy-MM-dd}&to={day.AddDays(-1):yyyy-MM-dd}");
        await Expect(page.Locator("#history-error")).ToHaveTextAsync("Ngày kết thúc phải sau ngày bắt đầu");
        await page.GotoAsync("/history?class=urgent");
        await Expect(page.Locator("#history-error")).ToContainTextAsync("Loại bản tin phải là");
    }

    [Fact]
    public async Task A_hamlet_head_sees_only_their_hamlets_and_cannot_open_another_hamlets_recording()
    {
        await using var console = await ProgrammeConsole.StartAsync(withDevices: true);
        var clip = await console.AddClipAsync("Thông báo", 1);
        var theirs = await PlayAsync(console, clip, "khoi-1");
        var other = await PlayAsync(console, clip, "xom-3");
        await RecordingAsync(console, theirs);
        await RecordingAsync(console, other);
        console.Hub.AddHamletHead();
        var page = await browser.NewPageAsync(console.Hub, phone: true);
        await page.LoginAsync(ConsoleHub.HeadName, ConsoleHub.HeadPassword);
        await page.GotoAsync("/history");

        await Expect(page.Locator("#history tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator($"#history tr[data-id='{theirs}']")).ToBeVisibleAsync();
        await Expect(page.Locator("select[name=zone] option[value='xom-3']")).ToHaveCountAsync(0);
        await page.GotoAsync("/history?zone=xom-3");
        await Expect(page.Locator("#history tbody tr")).ToHaveCountAsync(0);

        (await FetchAsync(page, $"/history/recording/{other}")).Status.Should().BeOneOf(403, 404);
        (await FetchAsync(page, $"/history/recording/{other}", "bytes=0-99")).Status.Should().BeOneOf(403, 404);
        (await FetchAsync(page, $"/history/recording/{theirs}")).Should().Be((200, "audio/ogg; codecs=opus"));
        (await FetchAsync(page, "/history/recording/b-0000000000000000")).Status.Should().Be(404);
    }
}
