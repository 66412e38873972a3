using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TanKy.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace TanKy.Web.Tests.Devices;

/// <summary>The devices page keeps its hamlet and kind filter after a command, a desired change (good or refused) and a bulk action.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class DeviceFilters_Tests(Browser browser)
{
    [Fact]
    public async Task The_filter_stays_after_every_kind_of_post()
    {
        await using var hub = await ConsoleHub.StartAsync(withDevices: true);
        var page = await browser.NewPageAsync(hub);
        await page.LoginAsync(ConsoleHub.AdminName, ConsoleHub.AdminPassword);
        await page.GotoAsync("/devices");
        await page.Locator("select[name=zone]").SelectOptionAsync("khoi-1");
        await page.Locator("select[name=kind]").SelectOptionAsync("speaker");
        await page.Locator("form.filters button[type=submit]").First.ClickAsync();
        await StillFilteredAsync(page);

        var row = page.Locator("tr[data-id='loa-khoi-1-a']");
        await row.Locator("select[name=op]").SelectOptionAsync("ping");
        await DeviceFormSteps.SubmitAsync(row.Locator("form.command"));
        await Expect(page.Locator("#message")).ToHaveTextAsync("Cụm loa Khối 1 · Kiểm tra kết nối: thành công");
        await StillFilteredAsync(page);

        await row.Locator("details.desired-edit > summary").ClickAsync();
        await row.Locator("input[name=volume]").FillAsync("abc");
        await DeviceFormSteps.SubmitAsync(row.Locator("form.desired"));
        await Expect(row.Locator("[data-field=volume] .field-error")).ToHaveTextAsync("Âm lượng phải là số nguyên từ 0 đến 100.");
        await StillFilteredAsync(page);

        await row.Locator("input[name=volume]").FillAsync("55");
        await DeviceFormSteps.SubmitAsync(row.Locator("form.desired"));
        await Expect(page.Locator("#message")).ToHaveTextAsync("Cụm loa Khối 1: thiết bị đã nhận và áp dụng.");
        await StillFilteredAsync(page);

        var bulk = page.Locator("#bulk");
        await bulk.Locator("input[name=op]").FillAsync("ping");
        await bulk.Locator("select[name=bulkZone]").SelectOptionAsync("xom-3");
        await DeviceFormSteps.SubmitAsync(bulk);
        await Expect(page.Locator("#message")).ToContainTextAsync("1/1 — Cụm loa Xóm 3: thành công");
        await StillFilteredAsync(page);
    }

    /// <summary>Only Khối 1's speaker is listed, the selects show the filter, and the address carries it (a reload keeps it).</summary>
    private static async Task StillFilteredAsync(IPage page)
    {
        await Expect(page.Locator("#devices tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#devices tbody tr[data-id='loa-khoi-1-a']")).ToHaveCountAsync(1);
        await Expect(page.Locator("form.filters select[name=zone]")).ToHaveValueAsync("khoi-1");
        await Expect(page.Locator("form.filters select[name=kind]")).ToHaveValueAsync("speaker");
        await Expect(page).ToHaveURLAsync(new Regex("zone=khoi-1"));
        await Expect(page).ToHaveURLAsync(new Regex("kind=speaker"));
    }
}
