using System.Text.Json.Nodes;
using TanKy.Hub.Devices.Control;
using TanKy.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace TanKy.Web.Tests.Journeys;

/// <summary>The devices page against simulated devices: filters, desired vs reported, commands, bulk, camera snapshot.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class Devices_Tests(Browser browser)
{
    [Fact]
    public async Task Technician_filters_sends_a_command_runs_a_bulk_change_and_takes_a_snapshot()
    {
        await using var hub = await ConsoleHub.StartAsync(withDevices: true);
        hub.AddUser("ky-thuat", Hub.Accounts.Role.Technician, "mat-khau-ky-thuat");
        var page = await browser.NewPageAsync(hub);
        await page.LoginAsync("ky-thuat", "mat-khau-ky-thuat");
        await page.GotoAsync("/devices");
        await Expect(page.Locator("#devices tbody tr")).ToHaveCountAsync(4);

        await page.Locator("select[name=kind]").SelectOptionAsync("speaker");
        await page.Locator("form.filters button[type=submit]").First.ClickAsync();
        await Expect(page.Locator("#devices tbody tr")).ToHaveCountAsync(2);
        await page.Locator("select[name=zone]").First.SelectOptionAsync("khoi-1");
        await page.Locator("form.filters button[type=submit]").First.ClickAsync();
        await Expect(page.Locator("#devices tbody tr")).ToHaveCountAsync(1);

        var row = page.Locator("tr[data-id='loa-khoi-1-a']");
        await row.Locator("select[name=op]").SelectOptionAsync("ping");
        await row.Locator("form.command button").ClickAsync();
        await Expect(page.Locator("#message")).ToHaveTextAsync("Cụm loa Khối 1 · Kiểm tra kết nối: thành công");

        var bulk = page.Locator("#bulk");
        await bulk.Locator("select[name=bulkZone]").SelectOptionAsync("khoi-1");
        await bulk.Locator("select[name=bulkKind]").SelectOptionAsync("speaker");
        await bulk.Locator("input[name=desired]").FillAsync("{\"volume\":65}");
        await bulk.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator("#message")).ToContainTextAsync("1/1");
        await Expect(page.Locator("#message")).ToContainTextAsync("Cụm loa Khối 1: thiết bị đã nhận và áp dụng.");
        hub.Get<DeviceStateReader>().Read("loa-khoi-1-a")!.Reported!.State["volume"]!.GetValue<int>().Should().Be(65);
        await Expect(row.Locator(".state")).ToContainTextAsync("Đồng bộ");

        await bulk.Locator("input[name=desired]").FillAsync("{\"volume\":");
        await bulk.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator("#message.error")).ToContainTextAsync("JSON");

        await page.GotoAsync("/devices?kind=camera");
        var camera = page.Locator("tr[data-id='cam-khoi-1']");
        await camera.Locator("select[name=op]").SelectOptionAsync("snapshot");
        await camera.Locator("form.command button").ClickAsync();
        await Expect(page.Locator("#message")).ToHaveTextAsync("Camera ngã ba chợ Khối 1 · Chụp ảnh: thành công");
        // The simulator uploads a fake JPEG (right signature, not a picture): check the image address the page uses, with its session.
        var src = await page.Locator("tr[data-id='cam-khoi-1'] .snapshot img").GetAttributeAsync("src");
        src.Should().StartWith("/api/v1/devices/cam-khoi-1/snapshots/");
        var served = await page.Context.APIRequest.GetAsync(src!);
        served.Status.Should().Be(200);
        served.Headers["content-type"].Should().Be("image/jpeg");

        await page.GotoAsync("/devices");
        await Screenshots.SaveAsync(page, "devices");
    }

    [Fact]
    public async Task A_device_that_has_not_applied_the_desired_state_shows_the_difference()
    {
        await using var hub = await ConsoleHub.StartAsync();
        await hub.Get<DeviceControlService>().SetDesiredAsync("loa-xom-3-a", new JsonObject { ["volume"] = 40 }, "test");
        var page = await browser.NewPageAsync(hub);
        await page.LoginAsync(ConsoleHub.AdminName, ConsoleHub.AdminPassword);
        await page.GotoAsync("/devices");

        var state = page.Locator("tr[data-id='loa-xom-3-a'] .state");
        await Expect(state).ToContainTextAsync("Chưa đồng bộ");
        await Expect(state.Locator("[data-key=volume].drift dt")).ToHaveTextAsync("Âm lượng");
        await Expect(state.Locator("[data-key=volume].drift dd")).ToContainTextAsync("— → cần đặt 40 %");
    }
}
