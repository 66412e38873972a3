using System.Net;
using TanKy.Hub.Accounts;
using TanKy.Hub.Broadcasts.Relay.Sources;
using TanKy.Hub.Tests.Support;
using TanKy.Web.Tests.Support;
using TanKy.Web.Tests.Text;

namespace TanKy.Web.Tests.Sources;

/// <summary>"Nguồn tiếp sóng" (/sources): an officer adds, checks and removes a relay source (audited); a viewer may not open it.</summary>
public sealed class SourcesPage_Tests
{
    [Fact]
    public async Task An_officer_adds_checks_and_removes_a_source_in_vietnamese()
    {
        await using var hub = await ConsoleHub.StartAsync();
        hub.AddUser("van-hoa", Role.Officer, "mat-khau-van-hoa");
        using var officer = new ConsoleClient(hub.BaseAddress);
        await officer.LoginAsync("van-hoa", "mat-khau-van-hoa");
        (await officer.PageAsync("/")).Should().Contain("href=\"/sources\"");

        var token = await officer.FormTokenAsync("/sources");
        var refused = WebUtility.HtmlDecode(await Post(officer, "/sources?handler=add", token, ("id", "vov1"), ("name", "VOV1 – Thời sự"), ("urls", "http://127.0.0.1:9/a.mp3\nfile:///etc/passwd")));
        refused.Should().Contain("giao thức \"file\" không được phép").And.Contain("http://127.0.0.1:9/a.mp3");
        hub.Get<RelaySourceStore>().List().Should().BeEmpty();

        var dead = LoopbackFileServer.DeadUrl();
        var added = WebUtility.HtmlDecode(await Post(officer, "/sources?handler=add", token, ("id", "vov1"), ("name", "VOV1 – Thời sự"), ("urls", dead + "\r\nicecast://127.0.0.1:9/b.mp3\r\n")));
        added.Should().Contain("Đã thêm nguồn vov1").And.Contain("<tr data-id=\"vov1\">");
        hub.Get<RelaySourceStore>().Find("vov1")!.Urls.Should().Equal(dead, "icecast://127.0.0.1:9/b.mp3");
        VisibleText.EnglishIn(VisibleText.OfHtml(added)).Should().BeEmpty();

        var checkedPage = await Post(officer, "/sources?handler=check", token, ("id", "vov1"));
        checkedPage.Should().Contain("id=\"check-result\"").And.Contain("data-reachable=\"false\"").And.Contain("Không kết nối được nguồn");

        var removed = WebUtility.HtmlDecode(await Post(officer, "/sources?handler=remove", token, ("id", "vov1")));
        removed.Should().Contain("Đã xoá nguồn vov1");
        hub.Get<RelaySourceStore>().List().Should().BeEmpty();

        var audit = WebUtility.HtmlDecode(await officer.PageAsync("/audit"));
        audit.Should().Contain("Thêm nguồn tiếp sóng").And.Contain("Xoá nguồn tiếp sóng");
    }

    [Fact]
    public async Task A_viewer_is_sent_to_the_denied_page()
    {
        await using var hub = await ConsoleHub.StartAsync();
        hub.AddUser("nguoi-xem", Role.Viewer, "mat-khau-nguoi-xem");
        using var viewer = new ConsoleClient(hub.BaseAddress);
        await viewer.LoginAsync("nguoi-xem", "mat-khau-nguoi-xem");

        using var refused = await viewer.Http.GetAsync("/sources");

        refused.StatusCode.Should().Be(HttpStatusCode.Found);
        refused.Headers.Location!.OriginalString.Should().Contain("/denied");
        (await viewer.PageAsync("/")).Should().NotContain("href=\"/sources\"");
    }

    private static async Task<string> Post(ConsoleClient client, string path, string token, params (string Name, string Value)[] fields)
    {
        using var form = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).Prepend(KeyValuePair.Create("__RequestVerificationToken", token)));
        using var response = await client.Http.PostAsync(path, form);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }
}
