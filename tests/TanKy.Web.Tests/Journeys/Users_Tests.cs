using TanKy.Hub.Accounts;
using TanKy.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace TanKy.Web.Tests.Journeys;

/// <summary>User management mistakes are explained in Vietnamese, and a disabled user is out at once.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class Users_Tests(Browser browser)
{
    [Fact]
    public async Task A_hamlet_head_without_hamlet_is_refused_and_disabling_a_user_ends_their_session()
    {
        await using var hub = await ConsoleHub.StartAsync();
        hub.AddHamletHead();
        var admin = await browser.NewPageAsync(hub);
        await admin.LoginAsync(ConsoleHub.AdminName, ConsoleHub.AdminPassword);
        await admin.GotoAsync("/users");

        var form = admin.Locator("#new-user");
        await form.Locator("input[name=name]").FillAsync("truong-xom-3");
        await form.Locator("select[name=role]").SelectOptionAsync("hamlet-head");
        await form.Locator("input[name=password]").FillAsync("mat-khau-truong-xom");
        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(admin.Locator("#message.error")).ToHaveTextAsync("Trưởng khối/xóm cần ít nhất một khối/xóm.");
        hub.Get<UserStore>().Find("truong-xom-3").Should().BeNull();

        // A user's hamlets by name, never by id.
        var headRow = admin.Locator($"tr[data-name='{ConsoleHub.HeadName}']");
        await Expect(headRow.Locator("td").Nth(2)).ToHaveTextAsync("Khối 1");

        var head = await browser.NewPageAsync(hub);
        await head.LoginAsync(ConsoleHub.HeadName, ConsoleHub.HeadPassword);
        await admin.Locator($"tr[data-name='{ConsoleHub.HeadName}'] button").ClickAsync();
        await admin.Locator("#confirm-lock-yes").ClickAsync();
        await Expect(admin.Locator($"tr[data-name='{ConsoleHub.HeadName}']")).ToContainTextAsync("Đã khoá");

        await head.GotoAsync("/devices");
        await Expect(head).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));
    }
}
