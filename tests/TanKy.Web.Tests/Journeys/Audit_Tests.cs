using TanKy.Hub.Devices.Control.Commands;
using TanKy.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace TanKy.Web.Tests.Journeys;

/// <summary>One filterable audit page over logins, device commands and emergency triggers.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class Audit_Tests(Browser browser)
{
    [Fact]
    public async Task Admin_filters_the_audit_by_outcome_and_source()
    {
        await using var hub = await ConsoleHub.StartAsync(withDevices: true);
        using (var client = new ConsoleClient(hub.BaseAddress))
        {
            await client.LoginAsync(ConsoleHub.AdminName, "khong-dung-mat-khau");
        }

        var page = await browser.NewPageAsync(hub);
        await page.LoginAsync(ConsoleHub.AdminName, ConsoleHub.AdminPassword);
        var commands = hub.Get<CommandService>();
        await commands.WaitAsync((await commands.IssueAsync("loa-khoi-1-a", "ping", null, null, ConsoleHub.AdminName)).Id);

        await page.GotoAsync("/audit");
        await Expect(page.Locator("#audit tbody tr[data-source='console']")).ToHaveCountAsync(2);
        // The device by its name, not its id.
        var speaker = hub.Get<TanKy.Hub.Devices.DeviceRegistry>().Get("loa-khoi-1-a")!.Name;
        var commandRow = page.Locator("#audit tbody tr[data-source='command']");
        await Expect(commandRow).ToContainTextAsync(speaker);
        (await commandRow.InnerTextAsync()).Should().NotContain("loa-khoi-1-a");
        await Screenshots.SaveAsync(page, "audit");

        await page.Locator("input[name=outcome]").FillAsync("refused");
        await page.Locator("#audit-filter button[type=submit]").ClickAsync();
        await Expect(page.Locator("#audit tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#audit tbody tr")).ToContainTextAsync("Sai tên hoặc mật khẩu");

        await page.GotoAsync("/audit?source=command");
        await Expect(page.Locator("#audit tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#audit tbody tr")).ToContainTextAsync("Kiểm tra kết nối");
    }

    [Fact]
    public async Task Hamlet_head_sees_only_their_own_actions_and_a_viewer_is_refused()
    {
        await using var hub = await ConsoleHub.StartAsync();
        hub.AddHamletHead();
        hub.AddUser("nguoi-xem", Hub.Accounts.Role.Viewer, "mat-khau-nguoi-xem");
        var admin = await browser.NewPageAsync(hub);
        await admin.LoginAsync(ConsoleHub.AdminName, ConsoleHub.AdminPassword);

        var head = await browser.NewPageAsync(hub);
        await head.LoginAsync(ConsoleHub.HeadName, ConsoleHub.HeadPassword);
        await head.GotoAsync("/audit");
        await Expect(head.Locator("#audit tbody tr")).ToHaveCountAsync(1);
        await Expect(head.Locator("#audit tbody tr")).ToContainTextAsync(ConsoleHub.HeadName);
        await Expect(head.Locator("input[name=actor]")).ToHaveCountAsync(0);

        var viewer = await browser.NewPageAsync(hub);
        await viewer.LoginAsync("nguoi-xem", "mat-khau-nguoi-xem");
        (await viewer.GotoAsync("/audit"))!.Status.Should().Be(403);
    }
}
