using TanKy.Hub.Accounts;
using TanKy.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace TanKy.Web.Tests.Defaults;

/// <summary>A new user starts with the least power, and locking an account asks first.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class UserDefaults_Tests(Browser browser)
{
    [Fact]
    public async Task A_new_user_is_a_viewer_unless_the_admin_picks_another_role()
    {
        await using var hub = await ConsoleHub.StartAsync();
        var admin = await browser.NewPageAsync(hub);
        await admin.LoginAsync(ConsoleHub.AdminName, ConsoleHub.AdminPassword);
        await admin.GotoAsync("/users");

        var form = admin.Locator("#new-user");
        await Expect(form.Locator("select[name=role]")).ToHaveValueAsync("viewer");
        await Expect(form.Locator("select[name=role] option:checked")).ToHaveTextAsync("Người xem");
        await form.Locator("input[name=name]").FillAsync("can-bo-moi");
        await form.Locator("input[name=password]").FillAsync("mat-khau-can-bo-moi");
        await form.Locator("button[type=submit]").ClickAsync();

        await Expect(admin.Locator("tr[data-name='can-bo-moi']")).ToContainTextAsync("Người xem");
        hub.Get<UserStore>().Find("can-bo-moi")!.Role.Should().Be(Role.Viewer);
    }

    [Fact]
    public async Task Locking_an_account_asks_first_and_cancelling_leaves_it_open()
    {
        await using var hub = await ConsoleHub.StartAsync();
        hub.AddHamletHead();
        var admin = await browser.NewPageAsync(hub);
        await admin.LoginAsync(ConsoleHub.AdminName, ConsoleHub.AdminPassword);
        await admin.GotoAsync("/users");
        var lockButton = admin.Locator($"tr[data-name='{ConsoleHub.HeadName}'] button");

        await lockButton.ClickAsync();
        await Expect(admin.Locator("#confirm-lock")).ToContainTextAsync($"Khoá tài khoản «{ConsoleHub.HeadName}»?");
        hub.Get<UserStore>().Find(ConsoleHub.HeadName)!.Disabled.Should().BeFalse("the first click only asks");
        await admin.Locator("#confirm-lock-cancel").ClickAsync();
        await Expect(admin.Locator("#confirm-lock")).ToHaveCountAsync(0);
        hub.Get<UserStore>().Find(ConsoleHub.HeadName)!.Disabled.Should().BeFalse();

        await lockButton.ClickAsync();
        await admin.Locator("#confirm-lock-yes").ClickAsync();
        await Expect(admin.Locator("#message")).ToHaveTextAsync($"Đã khoá tài khoản «{ConsoleHub.HeadName}».");
        hub.Get<UserStore>().Find(ConsoleHub.HeadName)!.Disabled.Should().BeTrue();

        // Enabling again needs no confirmation.
        await lockButton.ClickAsync();
        await Expect(admin.Locator($"tr[data-name='{ConsoleHub.HeadName}']")).Not.ToContainTextAsync("Đã khoá");
        hub.Get<UserStore>().Find(ConsoleHub.HeadName)!.Disabled.Should().BeFalse();
    }

    [Fact]
    public async Task Without_javascript_the_lock_still_needs_the_confirmation_post()
    {
        await using var hub = await ConsoleHub.StartAsync();
        hub.AddHamletHead();
        using var client = new ConsoleClient(hub.BaseAddress);
        await client.LoginAsync(ConsoleHub.AdminName, ConsoleHub.AdminPassword);

        var asked = await PostAsync(client, new() { ["name"] = ConsoleHub.HeadName, ["disabled"] = "true" });
        asked.Should().Contain("id=\"confirm-lock\"").And.Contain("name=\"confirmed\" value=\"true\"");
        hub.Get<UserStore>().Find(ConsoleHub.HeadName)!.Disabled.Should().BeFalse();

        await PostAsync(client, new() { ["name"] = ConsoleHub.HeadName, ["disabled"] = "true", ["confirmed"] = "true" });
        hub.Get<UserStore>().Find(ConsoleHub.HeadName)!.Disabled.Should().BeTrue();
    }

    /// <summary>The lock form posted as a browser without JavaScript would: fields and the page's antiforgery token.</summary>
    private static async Task<string> PostAsync(ConsoleClient client, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await client.FormTokenAsync("/users");
        using var response = await client.Http.PostAsync(new Uri("/users?handler=Disable", UriKind.Relative), new FormUrlEncodedContent(fields));
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }
}
