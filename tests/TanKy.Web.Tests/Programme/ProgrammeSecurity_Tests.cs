using System.Net;
using TanKy.Hub.Accounts;
using TanKy.Web.Tests.Support;

namespace TanKy.Web.Tests.Programme;

/// <summary>The programme, broadcast and talk pages over plain HTTP: roles, CSRF, and that a refused post writes nothing.</summary>
public sealed class ProgrammeSecurity_Tests : IAsyncLifetime
{
    private ProgrammeConsole _console = null!;
    private string _clip = "";

    public async Task InitializeAsync()
    {
        _console = await ProgrammeConsole.StartAsync();
        _clip = await _console.AddClipAsync("Tin", 1);
        _console.Hub.AddUser("van-hoa", Role.Officer, "mat-khau-van-hoa-1");
        _console.Hub.AddUser("ky-thuat", Role.Technician, "mat-khau-ky-thuat-1");
        _console.Hub.AddUser("nguoi-xem", Role.Viewer, "mat-khau-nguoi-xem-1");
        _console.Hub.AddHamletHead();
    }

    public async Task DisposeAsync() => await _console.DisposeAsync();

    private Dictionary<string, string> Form(string? token) => new()
    {
        ["Draft.Id"] = "tin-moi",
        ["Draft.Title"] = "Tin mới",
        ["Draft.Zones"] = "khoi-1",
        ["Draft.Playlist"] = _clip,
        ["Draft.Times"] = "09:00",
        ["Draft.Class"] = "normal",
        ["Draft.OnPreempt"] = "resume",
        ["__RequestVerificationToken"] = token ?? "",
    };

    private async Task<ConsoleClient> SignedInAsync(string name, string password)
    {
        var client = new ConsoleClient(_console.Hub.BaseAddress);
        (await client.LoginAsync(name, password)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        return client;
    }

    [Fact]
    public async Task A_programme_post_without_the_antiforgery_token_is_refused_and_writes_nothing()
    {
        using var officer = await SignedInAsync("van-hoa", "mat-khau-van-hoa-1");
        var form = Form(null);
        form.Remove("__RequestVerificationToken");

        var response = await officer.Http.PostAsync("/programme/edit", new FormUrlEncodedContent(form));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        Directory.GetFiles(_console.Folder).Should().BeEmpty();

        var token = await officer.FormTokenAsync("/programme/edit");
        (await officer.Http.PostAsync("/programme/edit", new FormUrlEncodedContent(Form(token)))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        File.Exists(Path.Combine(_console.Folder, "tin-moi.yaml")).Should().BeTrue("the same form with its token is accepted");
    }

    [Fact]
    public async Task Only_admins_and_officers_edit_and_only_broadcasting_roles_open_broadcast_and_talk()
    {
        using var head = await SignedInAsync(ConsoleHub.HeadName, ConsoleHub.HeadPassword);
        var token = await head.FormTokenAsync("/programme");
        var refused = await head.Http.PostAsync("/programme/edit", new FormUrlEncodedContent(Form(token)));
        refused.StatusCode.Should().Be(HttpStatusCode.Redirect);
        refused.Headers.Location!.AbsolutePath.Should().Be("/denied");
        Directory.GetFiles(_console.Folder).Should().BeEmpty();
        (await head.Http.GetAsync("/broadcast")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await head.Http.GetAsync("/talk")).StatusCode.Should().Be(HttpStatusCode.OK);

        using var technician = await SignedInAsync("ky-thuat", "mat-khau-ky-thuat-1");
        foreach (var path in new[] { "/broadcast", "/talk", "/programme/edit" })
        {
            (await technician.Http.GetAsync(path)).Headers.Location!.ToString().Should().Contain("/denied", path);
        }

        using var viewer = await SignedInAsync("nguoi-xem", "mat-khau-nguoi-xem-1");
        (await viewer.PageAsync("/programme")).Should().Contain("id=\"week\"").And.NotContain("id=\"new-programme\"");
        (await viewer.PageAsync("/media")).Should().NotContain("id=\"upload-form\"");

        using var anonymous = new ConsoleClient(_console.Hub.BaseAddress);
        foreach (var path in new[] { "/programme", "/programme/edit", "/media", "/broadcast", "/talk" })
        {
            (await anonymous.Http.GetAsync(path)).Headers.Location!.ToString().Should().Contain("/login", path);
        }
    }

    [Fact]
    public async Task Every_page_has_all_its_text_in_vietnamese_and_in_english()
    {
        _console.Hub.Get<Hub.Schedules.Editing.ProgrammeEditor>()
            .Create(new Hub.Schedules.Editing.ProgrammeDraft { Id = "tin", Title = "Tin", Zones = ["khoi-1"], Playlist = _clip, Times = "09:00" }, "test").Saved.Should().BeTrue();
        using var officer = await SignedInAsync("van-hoa", "mat-khau-van-hoa-1");
        foreach (var lang in new[] { "vi", "en" })
        {
            officer.Cookies.Add(_console.Hub.BaseAddress, new Cookie("tanky.lang", lang));
            foreach (var path in new[] { "/programme", "/programme/edit", "/programme/edit/tin", "/media", "/broadcast", "/talk" })
            {
                var html = await officer.PageAsync(path);
                System.Text.RegularExpressions.Regex.Matches(html, @"\[(prog|media|bc|talk)\.[a-zA-Z.-]+\]").Select(m => m.Value)
                    .Should().BeEmpty($"{path} ({lang}) shows no missing key");
                html.Should().Contain($"<html lang=\"{lang}\">", path);
            }
        }
    }
}
