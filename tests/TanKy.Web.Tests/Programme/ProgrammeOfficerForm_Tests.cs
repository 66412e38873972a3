using Microsoft.Playwright;
using TanKy.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace TanKy.Web.Tests.Programme;

/// <summary>
/// The programme form speaks the officer's words (issue #17, item 8): clips by title, 7h30,
/// Vietnamese repeat choices and rules, calendars by name, an id the browser really checks; and
/// the programme page lists every error of a broken folder (item 12).
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ProgrammeOfficerForm_Tests(Browser browser)
{
    [Fact]
    public async Task The_id_field_pattern_compiles_in_Chromium_and_refuses_an_id_with_accents()
    {
        await using var console = await ProgrammeConsole.StartAsync();
        var page = await browser.NewPageAsync(console.Hub);
        await page.LoginAsync(ConsoleHub.AdminName, ConsoleHub.AdminPassword);
        await page.GotoAsync("/programme/edit");
        var id = page.Locator("#f-id");

        // Chromium compiles `pattern` with the 'v' flag; an invalid one only logs and turns the check off.
        (await id.EvaluateAsync<bool>("el => { try { new RegExp('^(?:' + el.pattern + ')$', 'v'); return true; } catch { return false; } }"))
            .Should().BeTrue("the pattern must be a valid v-flag regular expression, or the browser silently skips it");

        await id.FillAsync("Bản tin sáng");
        (await id.EvaluateAsync<bool>("el => el.validity.patternMismatch")).Should().BeTrue();
        (await page.Locator("#programme-form").EvaluateAsync<bool>("f => f.checkValidity()")).Should().BeFalse();

        await id.FillAsync("-ban-tin");
        (await id.EvaluateAsync<bool>("el => el.validity.patternMismatch")).Should().BeTrue("an id cannot start with '-'");

        await id.FillAsync("ban-tin-sang-2");
        (await id.EvaluateAsync<bool>("el => el.validity.valid")).Should().BeTrue();
        await id.FillAsync("");
        (await id.EvaluateAsync<bool>("el => el.validity.valid")).Should().BeTrue("an empty id is made from the title");
    }

    [Fact]
    public async Task Officer_picks_a_clip_by_title_sets_the_last_friday_at_19h_and_reads_it_in_words()
    {
        await using var console = await ProgrammeConsole.StartAsync();
        await console.AddClipAsync("Âm thanh khác", 2, 330);
        var clip = await console.AddClipAsync("Thông báo họp dân cuối tháng", 4);
        File.WriteAllText(Path.Combine(console.Folder, "le-tet.yaml"), "calendars:\n  - id: le-tet\n    title: Nghỉ lễ, Tết 2026–2027\n    dates: [2026-09-02]\n");
        console.Store.Reload().IsValid.Should().BeTrue();
        console.Hub.AddUser("van-hoa", Hub.Accounts.Role.Officer, "mat-khau-van-hoa-1");
        var page = await browser.NewPageAsync(console.Hub);
        await page.LoginAsync("van-hoa", "mat-khau-van-hoa-1");

        await page.GotoAsync("/programme/edit");
        var options = page.Locator("#f-playlist-0 option[data-title='Thông báo họp dân cuối tháng']");
        await Expect(options).ToHaveCountAsync(1);
        var label = (await options.TextContentAsync())!;
        label.Should().StartWith("Thông báo họp dân cuối tháng · 4 giây · ").And.NotContain("m-");
        await Expect(page.Locator("[data-field=skip_on]")).ToContainTextAsync("Nghỉ lễ, Tết 2026–2027");
        await Expect(page.Locator("[data-field=skip_on]")).Not.ToContainTextAsync("le-tet");

        await page.Locator("#f-title").FillAsync("Họp dân cuối tháng");
        await page.Locator("input[name='Draft.AllZones']").CheckAsync();
        await ProgrammeForm.PickClipAsync(page, "#f-playlist-0", "Thông báo họp dân cuối tháng");
        await page.Locator("#f-times").FillAsync("19h");
        await Expect(page.Locator("#f-weekday")).ToBeHiddenAsync();
        await page.Locator("#f-repeat").SelectOptionAsync("lastweekday");
        await Expect(page.Locator("#f-weekday")).ToBeVisibleAsync();
        await page.Locator("#f-weekday").SelectOptionAsync("t6");
        await page.Locator("input[name='Draft.SkipOn'][value='le-tet']").CheckAsync();
        await Screenshots.SaveAsync(page, "programme-officer-form");
        await page.Locator("#save").ClickAsync();

        await Expect(page.Locator("#saved")).ToContainTextAsync("hop-dan-cuoi-thang");
        var saved = console.Store.Current!.Programmes.Single(p => p.Id == "hop-dan-cuoi-thang");
        saved.Content.Items.Should().Equal(clip);
        saved.Recurrence.Cron.Should().Be("0 0 19 ? * 6L");
        await Expect(page.Locator("#programmes tr[data-programme='hop-dan-cuoi-thang'] td.rule")).ToHaveTextAsync("19:00 thứ 6 cuối tháng");

        await page.Locator("#programmes tr[data-programme='hop-dan-cuoi-thang'] a").ClickAsync();
        await Expect(page.Locator("#f-repeat")).ToHaveValueAsync("lastweekday");
        await Expect(page.Locator("#f-weekday")).ToHaveValueAsync("t6");
        await Expect(page.Locator("#f-playlist-0")).ToHaveValueAsync(clip);
    }

    [Fact]
    public async Task The_programme_page_lists_every_error_of_a_broken_folder_in_Vietnamese()
    {
        await using var console = await ProgrammeConsole.StartAsync();
        var clip = await console.AddClipAsync("Bản tin sáng", 2);
        File.WriteAllText(Path.Combine(console.Folder, "loi.yaml"), $"""
            programmes:
              - id: ban-tin-sang
                title: Bản tin sáng
                zones: [khoi-1, khoi-99]
                content: [{clip}, m-khongcoooo]
                recurrence:
                  times: ["25:00"]
                skip_on: [nghi-he]
            """);
        console.Store.Reload().Errors.Should().HaveCount(4);
        var page = await browser.NewPageAsync(console.Hub);
        await page.LoginAsync(ConsoleHub.AdminName, ConsoleHub.AdminPassword);

        await page.GotoAsync("/programme");

        var items = page.Locator("#folder-errors li");
        await Expect(items).ToHaveCountAsync(4);
        await Expect(items.Nth(0)).ToHaveTextAsync("loi.yaml:4:21 không có khối/xóm 'khoi-99'");
        await Expect(items.Nth(2)).ToContainTextAsync("loi.yaml:7:15 giờ '25:00' không đúng");
        // Playwright trims the expected text, so " / " would match "khối/xóm": look for the English halves instead.
        await Expect(page.Locator("#folder-errors")).Not.ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"\b(unknown|invalid|is not in the library|write)\b"));
    }
}
