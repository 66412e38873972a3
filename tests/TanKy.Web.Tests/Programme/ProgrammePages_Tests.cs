using Microsoft.Playwright;
using TanKy.Hub.Schedules.Editing;
using TanKy.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace TanKy.Web.Tests.Programme;

/// <summary>The programme pages in a real browser: the form goes through the schedule files' validator.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ProgrammePages_Tests(Browser browser)
{
    [Fact]
    public async Task Officer_creates_a_programme_in_the_form_sees_it_every_day_of_the_week_view_then_deletes_it()
    {
        await using var console = await ProgrammeConsole.StartAsync();
        var clip = await console.AddClipAsync("Tin nông vụ tháng 5", 3);
        console.Hub.AddUser("van-hoa", Hub.Accounts.Role.Officer, "mat-khau-van-hoa-1");
        var page = await browser.NewPageAsync(console.Hub);
        await page.LoginAsync("van-hoa", "mat-khau-van-hoa-1");

        await page.GotoAsync("/programme");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Chương trình phát thanh");
        await page.Locator("#new-programme").ClickAsync();
        await page.Locator("#f-title").FillAsync("Tin nông vụ");
        await Expect(page.Locator("#f-id")).ToHaveAttributeAsync("placeholder", "tin-nong-vu");
        await page.Locator("input[name='Draft.Zones'][value='khoi-1']").CheckAsync();
        await ProgrammeForm.PickClipAsync(page, "#f-playlist-0", "Tin nông vụ tháng 5");
        await page.Locator("#f-times").FillAsync("20h");
        await Screenshots.SaveAsync(page, "programme-edit");
        await page.Locator("#save").ClickAsync();

        await Expect(page.Locator("#saved")).ToContainTextAsync("tin-nong-vu");
        console.Store.Current!.Programmes.Single(p => p.Id == "tin-nong-vu").Content.Items.Should().Equal(clip);
        var airings = page.Locator("#week article[data-programme='tin-nong-vu']");
        await Expect(airings).ToHaveCountAsync(7);
        await Expect(airings.First).ToContainTextAsync("20:00");
        await Expect(airings.First).ToContainTextAsync("Khối 1");
        File.Exists(Path.Combine(console.Folder, "tin-nong-vu.yaml")).Should().BeTrue();
        console.Store.Current!.Programmes.Should().ContainSingle(p => p.Id == "tin-nong-vu");
        await Screenshots.SaveAsync(page, "programme-week");

        var phone = await browser.NewPageAsync(console.Hub, phone: true);
        await phone.LoginAsync("van-hoa", "mat-khau-van-hoa-1");
        await phone.GotoAsync("/programme");
        await Expect(phone.Locator("#week article[data-programme='tin-nong-vu']")).ToHaveCountAsync(7);
        await Screenshots.SaveAsync(phone, "programme-week-phone");

        await page.Locator("#programmes tr[data-programme='tin-nong-vu'] a").ClickAsync();
        await Expect(page.Locator("#f-title")).ToHaveValueAsync("Tin nông vụ");
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.Locator("#delete").ClickAsync();
        await Expect(page.Locator("#week article[data-programme='tin-nong-vu']")).ToHaveCountAsync(0);
        File.Exists(Path.Combine(console.Folder, "tin-nong-vu.yaml")).Should().BeFalse();
    }

    [Fact]
    public async Task A_broken_edit_shows_each_error_next_to_its_field_and_the_old_programme_keeps_playing()
    {
        await using var console = await ProgrammeConsole.StartAsync();
        var clip = await console.AddClipAsync("Bản tin sáng", 3);
        var editor = console.Hub.Get<ProgrammeEditor>();
        editor.Create(new ProgrammeDraft { Id = "ban-tin-sang", Title = "Bản tin sáng", Zones = ["khoi-1"], Playlist = clip, Times = "06:00" }, "test")
            .Saved.Should().BeTrue();
        var path = Path.Combine(console.Folder, "ban-tin-sang.yaml");
        var bytes = await File.ReadAllBytesAsync(path);
        var page = await browser.NewPageAsync(console.Hub);
        await page.LoginAsync(ConsoleHub.AdminName, ConsoleHub.AdminPassword);

        await page.GotoAsync("/programme/edit/ban-tin-sang");
        await Expect(page.Locator("#f-times")).ToHaveValueAsync("06:00");
        await page.Locator("#f-times").FillAsync("06:00, 25:70");
        await page.Locator("#save").ClickAsync();

        await Expect(page.Locator("#form-errors")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-field=times] .field-error")).ToContainTextAsync("25:70");
        await Expect(page.Locator("[data-field=times]")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("invalid"));
        await Screenshots.SaveAsync(page, "programme-error");

        // A zone the form did not offer (removed since the page was loaded, or a tampered post),
        // and a clip that is not in the library: each is refused at its own field.
        await page.Locator("#f-times").FillAsync("06:00");
        await page.EvaluateAsync("""
            () => {
              const gone = new Option('m-khongcoday', 'm-khongcoday', true, true);
              document.querySelector('#f-playlist-0').add(gone);
              const box = document.createElement('input');
              box.type = 'checkbox'; box.name = 'Draft.Zones'; box.value = 'khoi-99'; box.checked = true;
              document.querySelector('[data-field=zones] .checks').append(box);
            }
            """);
        await page.Locator("#save").ClickAsync();
        await Expect(page.Locator("[data-field=playlist] .field-error")).ToContainTextAsync("m-khongcoday");
        await Expect(page.Locator("[data-field=zones] .field-error")).ToContainTextAsync("khoi-99");

        (await File.ReadAllBytesAsync(path)).Should().Equal(bytes, "a refused change writes nothing");
        console.Store.Current!.Programmes.Single(p => p.Id == "ban-tin-sang").Recurrence.Times.Should().Equal(new TimeOnly(6, 0));
        Directory.GetFiles(console.Folder).Should().ContainSingle();
    }

    [Fact]
    public async Task A_hamlet_head_reads_the_week_of_their_hamlet_but_cannot_edit_or_filter_another()
    {
        await using var console = await ProgrammeConsole.StartAsync();
        var clip = await console.AddClipAsync("Thông báo", 2);
        var editor = console.Hub.Get<ProgrammeEditor>();
        editor.Create(new ProgrammeDraft { Id = "tin-khoi-1", Title = "Tin Khối 1", Zones = ["khoi-1"], Playlist = clip, Times = "07:00" }, "test").Saved.Should().BeTrue();
        editor.Create(new ProgrammeDraft { Id = "tin-xom-3", Title = "Tin Xóm 3", Zones = ["xom-3"], Playlist = clip, Times = "08:00" }, "test").Saved.Should().BeTrue();
        console.Hub.AddHamletHead();
        var page = await browser.NewPageAsync(console.Hub, phone: true);
        await page.LoginAsync(ConsoleHub.HeadName, ConsoleHub.HeadPassword);

        await page.GotoAsync("/programme");
        await Expect(page.Locator("#week article[data-programme='tin-khoi-1']")).ToHaveCountAsync(7);
        await Expect(page.Locator("#week article[data-programme='tin-xom-3']")).ToHaveCountAsync(0);
        await Expect(page.Locator("#new-programme")).ToHaveCountAsync(0);

        (await page.GotoAsync("/programme?zone=xom-3"))!.Status.Should().Be(403);
        (await page.GotoAsync("/programme/edit/tin-khoi-1"))!.Status.Should().Be(403);
    }

    [Fact]
    public async Task Upload_through_the_media_page_shows_progress_to_100_and_lists_the_clip_or_the_reason_it_was_refused()
    {
        await using var console = await ProgrammeConsole.StartAsync();
        var page = await browser.NewPageAsync(console.Hub);
        await page.LoginAsync(ConsoleHub.AdminName, ConsoleHub.AdminPassword);
        await page.GotoAsync("/media");

        await page.Locator("#upload-file").SetInputFilesAsync(new FilePayload { Name = "ban-tin.wav", MimeType = "audio/wav", Buffer = Hub.Tests.Support.ToneWav.Create(TimeSpan.FromSeconds(4), 550) });
        await page.Locator("#upload-title").FillAsync("Bản tin tải lên");
        await page.Locator("#upload-submit").ClickAsync();

        await Expect(page.Locator("#upload-percent")).ToHaveTextAsync("100%");
        await Expect(page.Locator("#upload-progress")).ToHaveJSPropertyAsync("value", 100);
        await Expect(page.Locator("#media-table tbody tr").First).ToContainTextAsync("Bản tin tải lên");
        console.Hub.Get<Hub.Media.MediaLibrary>().List().Should().ContainSingle(m => m.Title == "Bản tin tải lên");
        await Screenshots.SaveAsync(page, "media");

        await page.Locator("#upload-file").SetInputFilesAsync(new FilePayload { Name = "ghi-chu.wav", MimeType = "audio/wav", Buffer = "đây không phải âm thanh"u8.ToArray() });
        await page.Locator("#upload-title").FillAsync("Tệp hỏng");
        await page.Locator("#upload-submit").ClickAsync();
        await Expect(page.Locator("#upload-error")).Not.ToBeEmptyAsync();
        console.Hub.Get<Hub.Media.MediaLibrary>().List().Should().ContainSingle();
        await page.ReloadAsync();
        await Expect(page.Locator("#media-table tbody tr")).ToHaveCountAsync(1);
    }
}
