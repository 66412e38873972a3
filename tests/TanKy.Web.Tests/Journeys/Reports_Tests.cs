using TanKy.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace TanKy.Web.Tests.Journeys;

/// <summary>The reports page shows the indicator report and offers it as HTML and CSV.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class Reports_Tests(Browser browser)
{
    [Fact]
    public async Task Officer_views_a_report_downloads_it_as_csv_and_sees_a_wrong_period_next_to_the_field()
    {
        // The November 2026 report lists the speakers registered on 2026-11-28 only on a hub whose
        // "now" is that day too, whatever day the suite runs.
        await using var hub = await ConsoleHub.StartAsync(fixedClock: true);
        hub.AddUser("van-hoa", Hub.Accounts.Role.Officer, "mat-khau-van-hoa");
        var page = await browser.NewPageAsync(hub);
        await page.LoginAsync("van-hoa", "mat-khau-van-hoa");

        await page.GotoAsync("/reports");
        await page.Locator("input[name=period]").FillAsync("2026-11");
        await page.Locator("#report-form button[type=submit]").ClickAsync();
        await Expect(page.FrameLocator("iframe.report").Locator("body")).ToContainTextAsync("2026");
        await Screenshots.SaveAsync(page, "reports");

        var csvHref = await page.Locator("#download-csv").GetAttributeAsync("href");
        var csv = await page.Context.APIRequest.GetAsync(csvHref!);
        csv.Status.Should().Be(200);
        csv.Headers["content-type"].Should().StartWith("text/csv");
        csv.Headers["content-disposition"].Should().Contain("attachment");
        var bytes = await csv.BodyAsync();
        bytes.Take(3).Should().Equal(new byte[] { 0xEF, 0xBB, 0xBF }, "Excel reads UTF-8 only with a BOM");
        System.Text.Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Should().StartWith("Xã,Từ ngày,Đến ngày,Cấp,Tên,").And.Contain("Toàn xã");
        var machine = await page.Context.APIRequest.GetAsync((await page.Locator("#download-csv-en").GetAttributeAsync("href"))!);
        (await machine.TextAsync()).Should().Contain("site,period_from,period_to,level,id,name").And.Contain("loa-khoi-1-a");
        (await page.Locator("#download-html").GetAttributeAsync("download")).Should().Be("bao-cao.html");

        await page.Locator("input[name=period]").FillAsync("2026-13");
        await page.Locator("#report-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#report-error")).ToContainTextAsync("Kỳ báo cáo không hợp lệ: Không có tháng 13 trong “2026-13”");
        (await page.Locator("#report-error").TextContentAsync()).Should().NotContainAny("invalid", "use ");
        await Expect(page.Locator("iframe.report")).ToHaveCountAsync(0);
    }
}
