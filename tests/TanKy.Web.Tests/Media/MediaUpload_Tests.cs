using Microsoft.Playwright;
using TanKy.Hub.Media;
using TanKy.Hub.Tests.Support;
using TanKy.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace TanKy.Web.Tests.Media;

/// <summary>
/// The media page's upload states in a real Chromium, desktop and 390×844 (issue #17): the bar,
/// then "Đang xử lý…" while the hub imports, then "Đã lưu"; a refused file gives its reason in
/// Vietnamese and the bar does not stay at 100 %; leaving mid-processing asks first and still saves.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class MediaUpload_Tests(Browser browser)
{
    private static FilePayload Wav(string name, double seconds, double hz) =>
        new() { Name = name, MimeType = "audio/wav", Buffer = ToneWav.Create(TimeSpan.FromSeconds(seconds), hz) };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_valid_file_goes_from_the_bar_to_processing_to_saved_and_a_refused_one_shows_its_reason_not_100(bool phone)
    {
        await using var hub = await ConsoleHub.StartAsync();
        var library = hub.Get<MediaLibrary>();
        var page = await browser.NewPageAsync(hub, phone);
        await page.LoginAsync(ConsoleHub.AdminName, ConsoleHub.AdminPassword);
        await page.GotoAsync("/media");

        // Every text the status line shows, in order: the states must come in this sequence.
        await page.EvaluateAsync("""
            () => { window.statusLog = []; const s = document.getElementById('upload-status');
              new MutationObserver(() => { if (s.textContent && window.statusLog.at(-1) !== s.textContent) window.statusLog.push(s.textContent); })
                .observe(s, { childList: true, characterData: true, subtree: true }); }
            """);
        var hold = await ImportLaneHold.TakeAsync(library);
        await page.Locator("#upload-file").SetInputFilesAsync(Wav("ban-tin-sang.wav", 3, 550));
        await page.Locator("#upload-title").FillAsync("Bản tin sáng thứ Hai");
        await page.Locator("#upload-submit").ClickAsync();

        await Expect(page.Locator("#upload-status")).ToContainTextAsync("Đang xử lý…");
        await Expect(page.Locator("#upload-percent")).ToHaveTextAsync("100%");
        await Expect(page.Locator("#upload-note")).ToBeVisibleAsync();
        await Expect(page.Locator("#upload-note")).ToContainTextAsync("máy chủ vẫn xử lý và lưu bản tin");
        library.List().Should().BeEmpty("the hub has not imported it yet");
        await Screenshots.SaveAsync(page, phone ? "media-processing-phone" : "media-processing");

        await hold.ReleaseAsync();
        await Expect(page.Locator("#upload-status")).ToHaveTextAsync("Đã lưu: «Bản tin sáng thứ Hai»");
        await Expect(page.Locator("#upload-note")).ToBeHiddenAsync();
        var row = page.Locator("#media-table tbody tr").First;
        await Expect(row).ToContainTextAsync("Bản tin sáng thứ Hai");
        await Expect(row).ToContainTextAsync("3 giây");
        await Expect(row).ToContainTextAsync("đã chuẩn hoá âm lượng");
        await Expect(row).Not.ToContainTextAsync("LUFS");
        var log = await page.EvaluateAsync<string[]>("() => window.statusLog");
        log.Should().ContainInOrder("Đang tải lên…", "Đang xử lý…", "Đã lưu: «Bản tin sáng thứ Hai»");
        log.Should().Contain(s => s.StartsWith("Đang xử lý… (", StringComparison.Ordinal), "the hub's import state is shown while it processes");
        var clip = library.List().Should().ContainSingle().Subject;
        clip.Title.Should().Be("Bản tin sáng thứ Hai");
        await Screenshots.SaveAsync(page, phone ? "media-saved-phone" : "media-saved");

        await page.Locator("#upload-file").SetInputFilesAsync(new FilePayload { Name = "ghi-chu.wav", MimeType = "audio/wav", Buffer = "đây không phải âm thanh"u8.ToArray() });
        await page.Locator("#upload-title").FillAsync("Tệp hỏng");
        await page.Locator("#upload-submit").ClickAsync();

        await Expect(page.Locator("#upload-error")).ToHaveTextAsync("Không lưu được tệp này: đây không phải tệp WAV hoặc MP3.");
        await Expect(page.Locator("#upload-percent")).Not.ToHaveTextAsync("100%");
        await Expect(page.Locator("#upload-progress")).ToHaveJSPropertyAsync("value", 0);
        await Expect(page.Locator("#upload-status")).Not.ToContainTextAsync("Đã lưu");
        library.List().Should().ContainSingle("the refused file is not stored");
        await Screenshots.SaveAsync(page, phone ? "media-refused-phone" : "media-refused");

        if (phone)
        {
            var sideways = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
            sideways.Should().BeFalse("the media page must not scroll sideways at 390 px");
        }
    }

    [Fact]
    public async Task Leaving_while_the_hub_processes_asks_first_and_the_clip_is_still_saved_and_shown_on_return()
    {
        await using var hub = await ConsoleHub.StartAsync();
        var library = hub.Get<MediaLibrary>();
        var page = await browser.NewPageAsync(hub);
        await page.LoginAsync(ConsoleHub.AdminName, ConsoleHub.AdminPassword);
        await page.GotoAsync("/media");
        var hold = await ImportLaneHold.TakeAsync(library);
        await page.Locator("#upload-file").SetInputFilesAsync(Wav("hop-dan.wav", 2, 660));
        await page.Locator("#upload-title").FillAsync("Thông báo họp dân Khối 1");
        await page.Locator("#upload-submit").ClickAsync();
        await Expect(page.Locator("#upload-status")).ToContainTextAsync("Đang xử lý…");

        var asked = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            asked.Add(dialog.Type);
            await dialog.AcceptAsync();
        };
        await page.GotoAsync("/programme");
        asked.Should().Equal(["beforeunload"], "leaving mid-processing asks first");

        await hold.ReleaseAsync();
        await page.GotoAsync("/media");
        var job = page.Locator("#imports li").First;
        await Expect(job).ToContainTextAsync("hop-dan.wav");
        await Expect(job).ToContainTextAsync("Đã lưu: «Thông báo họp dân Khối 1»");
        await Expect(page.Locator("#media-table tbody tr").First).ToContainTextAsync("Thông báo họp dân Khối 1");
        library.List().Should().ContainSingle(m => m.Title == "Thông báo họp dân Khối 1");
    }

    [Fact]
    public async Task Text_to_speech_clips_are_listed_apart_under_Da_doc_and_not_among_the_clips()
    {
        await using var hub = await ConsoleHub.StartAsync();
        var library = hub.Get<MediaLibrary>();
        var clip = await hub.ImportClipAsync("Nhạc hiệu đầu giờ", TimeSpan.FromSeconds(74), 500);
        using var wav = new MemoryStream(ToneWav.Create(TimeSpan.FromSeconds(2), 350));
        var spoken = (await library.ImportSpeechAsync(wav, "Thông báo họp dân khối 3 vào 19 giờ tối nay tại nhà văn hoá", ConsoleHub.AdminName, ImportLane.Normal, CancellationToken.None)).Item!;
        var page = await browser.NewPageAsync(hub);
        await page.LoginAsync(ConsoleHub.AdminName, ConsoleHub.AdminPassword);

        await page.GotoAsync("/media");

        await Expect(page.Locator("#media-table tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator($"#media-table tr[data-media='{clip}']")).ToContainTextAsync("1 phút 14 giây");
        await Expect(page.Locator("#spoken")).ToHaveTextAsync("Đã đọc");
        var read = page.Locator($"#spoken-table tr[data-media='{spoken.Id}']");
        await Expect(read).ToContainTextAsync("Thông báo họp dân khối 3… – ");
        await Expect(read).Not.ToContainTextAsync("nhà văn hoá");
        var vietnamDate = Hub.Shared.CommuneTime.ToLocal(spoken.UploadedAt).ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        await Expect(read).ToContainTextAsync(vietnamDate);

        await page.GotoAsync("/broadcast");
        (await page.ContentAsync()).Should().Contain(clip).And.NotContain(spoken.Id, "the broadcast form offers clips, not read-out text");
    }
}
