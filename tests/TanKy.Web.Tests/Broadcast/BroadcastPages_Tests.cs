using Microsoft.Playwright;
using TanKy.Hub.Broadcasts;
using TanKy.Web.Tests.Programme;
using TanKy.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace TanKy.Web.Tests.Broadcast;

/// <summary>Broadcast now and push-to-talk in a real browser, heard by simulated speakers over the real broker.</summary>
[Collection(OnAirCollection.Name)]
public sealed class BroadcastPages_Tests(Browser browser)
{
    private static readonly LocatorAssertionsToHaveTextOptions Long = new() { Timeout = 60_000 };

    [Fact]
    public async Task A_clip_plays_with_the_report_updating_live_and_an_emergency_waits_for_confirmation()
    {
        await using var console = await ProgrammeConsole.StartAsync(withDevices: true);
        await console.AddClipAsync("Thông báo tiêm phòng", 2);
        var broadcasts = console.Hub.Get<IBroadcastService>();
        var page = await OpenAsAdminAsync(console);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Phát ngay");

        await page.Locator("input[name=zones][value='khoi-1']").CheckAsync();
        await page.Locator("#broadcast-send").ClickAsync();

        var report = page.Locator("#report");
        await Expect(report).ToBeVisibleAsync();
        await Expect(report.Locator("tr[data-device='loa-khoi-1-a']")).ToBeVisibleAsync();
        await Expect(report.Locator("[data-field=status]")).ToHaveTextAsync("Đã phát xong", Long);
        await Expect(report.Locator("tr[data-device='loa-khoi-1-a']")).ToHaveAttributeAsync("data-outcome", "finished");
        await Expect(report.Locator("[data-field=summary]")).ToContainTextAsync("Đã phát 1/1");
        var first = await report.Locator("[data-field=id]").TextContentAsync();
        broadcasts.Get(first!)!.Source.Should().Be("console");
        await Screenshots.SaveAsync(page, "broadcast-report");

        await page.Locator("input[name=class][value=emergency]").CheckAsync();
        await page.Locator("#broadcast-send").ClickAsync();
        await Expect(page.Locator("#emergency-confirm")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "broadcast-emergency-confirm");
        await page.Locator("#cancel-emergency").ClickAsync();
        await Expect(page.Locator("#emergency-confirm")).ToBeHiddenAsync();
        broadcasts.List(10).Should().ContainSingle("cancelling the confirmation sends nothing");

        await page.Locator("#broadcast-send").ClickAsync();
        await page.Locator("#confirm-emergency").ClickAsync();
        await Expect(report.Locator("[data-field=id]")).Not.ToHaveTextAsync(first!);
        var emergency = broadcasts.Get((await report.Locator("[data-field=id]").TextContentAsync())!)!;
        emergency.Class.Should().Be("emergency");
        await Expect(report.Locator("[data-field=status]")).ToHaveTextAsync("Đã phát xong", Long);
    }

    [Fact]
    public async Task Typed_text_is_spoken_and_broadcast_and_a_hamlet_head_is_offered_only_their_hamlet()
    {
        await using var console = await ProgrammeConsole.StartAsync(withDevices: true);
        var page = await OpenAsHamletHeadAsync(console, "/broadcast");

        await Expect(page.Locator("input[name=zones]")).ToHaveCountAsync(1);
        await Expect(page.Locator("input[name=zones][value='khoi-1']")).ToBeCheckedAsync();
        await page.Locator("input[name=content][value=text]").CheckAsync();
        await page.Locator("#bc-text").FillAsync("Mời bà con Khối 1 họp lúc 19 giờ.");
        await page.Locator("input[name=class][value=priority]").CheckAsync();
        await Screenshots.SaveAsync(page, "broadcast-phone");
        await page.Locator("#broadcast-send").ClickAsync();

        var report = page.Locator("#report");
        await Expect(report.Locator("[data-field=status]")).ToHaveTextAsync("Đã phát xong", Long);
        var record = console.Hub.Get<IBroadcastService>().Get((await report.Locator("[data-field=id]").TextContentAsync())!)!;
        (record.Class, record.Operator).Should().Be(("priority", ConsoleHub.HeadName));
        record.Zones.Should().Equal("khoi-1");

        // The page offers no other hamlet; the API refuses one anyway.
        var status = await page.EvaluateAsync<int>("""
            async () => (await tk.fetch('/api/v1/broadcasts', { method: 'POST', headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify({ zones: ['xom-3'], media: 'm-aaaaaaaaaa', class: 'normal' }) })).status
            """);
        status.Should().Be(403);
    }

    [Fact]
    public async Task A_fresh_recording_from_the_microphone_is_uploaded_as_a_clip_and_played()
    {
        await using var console = await ProgrammeConsole.StartAsync(withDevices: true);
        var page = await OpenAsAdminAsync(console);
        await page.Locator("input[name=zones][value='khoi-1']").CheckAsync();
        await page.Locator("input[name=content][value=recording]").CheckAsync();

        await page.Locator("#rec-start").ClickAsync();
        await page.WaitForFunctionAsync("() => Number(document.getElementById('rec-state').dataset.seconds) >= 2.5");
        await page.Locator("#rec-stop").ClickAsync();
        await Expect(page.Locator("#rec-preview")).ToBeVisibleAsync();
        await page.Locator("#broadcast-send").ClickAsync();

        var report = page.Locator("#report");
        await Expect(report.Locator("[data-field=status]")).ToHaveTextAsync("Đã phát xong", Long);
        var record = console.Hub.Get<IBroadcastService>().Get((await report.Locator("[data-field=id]").TextContentAsync())!)!;
        var clip = console.Hub.Get<Hub.Media.MediaLibrary>().Get(record.Media)!;
        (clip.OriginalFormat, clip.UploadedBy).Should().Be(("wav", ConsoleHub.AdminName));
        clip.DurationMs.Should().BeGreaterThanOrEqualTo(2400);
        await Expect(page.Locator("#broadcast-stop")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task Stop_ends_a_long_clip_everywhere()
    {
        await using var console = await ProgrammeConsole.StartAsync(withDevices: true);
        await console.AddClipAsync("Bản tin dài", 60);
        var page = await OpenAsAdminAsync(console);
        await page.Locator("input[name=zones][value='khoi-1']").CheckAsync();
        await page.Locator("input[name=zones][value='xom-3']").CheckAsync();
        await page.Locator("#broadcast-send").ClickAsync();

        var report = page.Locator("#report");
        await Expect(report.Locator("[data-field=status]")).ToHaveTextAsync("Đang phát", Long);
        await page.Locator("#broadcast-stop").ClickAsync();

        await Expect(report.Locator("[data-field=status]")).ToHaveTextAsync("Đã dừng", Long);
        await Expect(report.Locator("tr[data-outcome='stopped']")).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        await Expect(page.Locator("#broadcast-stop")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task Holding_the_talk_button_puts_the_microphone_on_the_air_and_the_speaker_plays_it()
    {
        await using var console = await ProgrammeConsole.StartAsync(withDevices: true);
        var page = await OpenAsHamletHeadAsync(console, "/talk");
        await Expect(page.Locator("input[name=zones][value='khoi-1']")).ToBeCheckedAsync();
        await Screenshots.SaveAsync(page, "talk");

        var button = page.Locator("#ptt");
        await page.Locator("input[name=class][value=emergency]").CheckAsync();
        await button.HoverAsync();
        await page.Mouse.DownAsync();
        await page.Mouse.UpAsync();
        await Expect(page.Locator("#ptt-error")).ToHaveTextAsync("Hãy xác nhận tin khẩn cấp trước");
        console.Hub.Get<IBroadcastService>().List(10).Should().BeEmpty("an unconfirmed emergency does not open the microphone");
        await page.Locator("input[name=class][value=priority]").CheckAsync();

        await button.HoverAsync();
        await page.Mouse.DownAsync();
        await Expect(button).ToHaveAttributeAsync("data-state", "on-air", new() { Timeout = 20_000 });
        await Expect(page.Locator("#ptt-state")).ToHaveTextAsync("ĐANG PHÁT SÓNG");
        var row = page.Locator("#report tr[data-device='loa-khoi-1-a']");
        await Expect(row).Not.ToHaveAttributeAsync("data-outcome", "pending", new() { Timeout = 20_000 });
        await Expect(page.Locator("#ptt-level")).Not.ToHaveJSPropertyAsync("value", 0);
        await Screenshots.SaveAsync(page, "talk-on-air");
        await page.Mouse.UpAsync();

        await Expect(button).ToHaveAttributeAsync("data-state", "idle");
        await Expect(row).ToHaveAttributeAsync("data-outcome", "finished", new() { Timeout = 30_000 });
        var id = await page.Locator("#report").GetAttributeAsync("data-broadcast");
        var delivery = console.Hub.Get<IBroadcastService>().GetDeliveryReport(id!);
        delivery.Nodes.Should().ContainSingle(n => n.DeviceId == "loa-khoi-1-a").Which.FramesPlayed.Should().BeGreaterThan(0);
        console.Hub.Get<IBroadcastService>().Get(id!)!.Operator.Should().Be(ConsoleHub.HeadName);
    }

    /// <summary>The broadcast page on a desk PC, signed in as the admin.</summary>
    private async Task<IPage> OpenAsAdminAsync(ProgrammeConsole console)
    {
        var page = await browser.NewPageAsync(console.Hub);
        await page.LoginAsync(ConsoleHub.AdminName, ConsoleHub.AdminPassword);
        await page.GotoAsync("/broadcast");
        return page;
    }

    /// <summary>A page on a phone, signed in as the hamlet head of Khối 1.</summary>
    private async Task<IPage> OpenAsHamletHeadAsync(ProgrammeConsole console, string path)
    {
        console.Hub.AddHamletHead();
        var page = await browser.NewPageAsync(console.Hub, phone: true);
        await page.LoginAsync(ConsoleHub.HeadName, ConsoleHub.HeadPassword);
        await page.GotoAsync(path);
        return page;
    }
}
