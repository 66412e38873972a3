using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TanKy.EndToEnd.Tests.Foundation;
using TanKy.Hub.Devices;
using TanKy.Hub.Devices.Control;
using TanKy.Hub.Devices.Control.Snapshots;
using TanKy.Protocol;
using TanKy.Tests.Shared;
using TanKy.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace TanKy.Web.Tests.Devices;

/// <summary>
/// The per-kind desired-state forms of the devices page against simulated devices, on a desk and
/// on a 390×844 phone: a bad value comes back in Vietnamese beside its field (what was typed kept),
/// a good value reaches the device, which reports it back, and the page shows it as words, not JSON.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class DeviceForms_Tests(Browser browser)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Each_kind_has_a_form_that_refuses_in_Vietnamese_and_applies_a_good_value(bool phone)
    {
        await using var hub = await ConsoleHub.StartAsync(withDevices: true);
        await DeviceFormSteps.AddLedBoardAsync(hub);
        var page = await browser.NewPageAsync(hub, phone);
        await page.LoginAsync(ConsoleHub.AdminName, ConsoleHub.AdminPassword);
        var states = hub.Get<DeviceStateReader>();

        // Wi-Fi: opening hours typed as people type them; 25:00 is refused with the reason in Vietnamese.
        var wifi = await OpenFormAsync(page, "wifi-ap", "wifi-khoi-1");
        await wifi.Locator("input[name=hours_open]").FillAsync("25:00");
        await wifi.Locator("input[name=hours_close]").FillAsync("23:00");
        await wifi.Locator("input[name=max_clients]").FillAsync("300");
        await DeviceFormSteps.SubmitAsync(wifi);
        wifi = Form(page, "wifi-khoi-1");
        await Expect(wifi.Locator("[data-field=hours] .field-error")).ToHaveTextAsync("Giờ mở 25:00 không phải giờ trong ngày (00:00 – 23:59).");
        await Expect(wifi.Locator("[data-field=max_clients] .field-error")).ToHaveTextAsync("Số máy dùng cùng lúc tối đa phải là số nguyên từ 1 đến 256.");
        await Expect(wifi.Locator("input[name=hours_open]")).ToHaveValueAsync("25:00");
        await Expect(page.Locator("#message.error")).ToContainTextAsync("chưa lưu");
        states.Read("wifi-khoi-1")!.Desired?.State.ContainsKey("hours").Should().NotBe(true, "nothing is stored after a refusal");
        await Screenshots.SaveAsync(page, phone ? "device-form-error-phone" : "device-form-error");

        await wifi.Locator("input[name=hours_open]").FillAsync("5h30");
        await wifi.Locator("input[name=hours_close]").FillAsync("22:00");
        await wifi.Locator("input[name=max_clients]").FillAsync("40");
        await DeviceFormSteps.SubmitAsync(wifi);
        await Expect(page.Locator("#message")).ToHaveTextAsync("Wi-Fi Khối 1: thiết bị đã nhận và áp dụng.");
        states.Read("wifi-khoi-1")!.Reported!.State["hours"]!.GetValue<string>().Should().Be("05:30-22:00");
        await Expect(Row(page, "wifi-khoi-1").Locator("dl.fields [data-key=hours] dd")).ToHaveTextAsync("05:30–22:00");
        await Expect(Row(page, "wifi-khoi-1").Locator("dl.fields [data-key=max_clients] dd")).ToHaveTextAsync("40");

        // Speaker: a volume out of range and no hamlet ticked, both refused beside their fields; then 65 % in two hamlets.
        var speaker = await OpenFormAsync(page, "speaker", "loa-khoi-1-a");
        await speaker.Locator("input[name=volume]").FillAsync("150");
        await speaker.Locator("input[name=zones][value=khoi-1]").UncheckAsync();
        await DeviceFormSteps.SubmitAsync(speaker);
        speaker = Form(page, "loa-khoi-1-a");
        await Expect(speaker.Locator("[data-field=volume] .field-error")).ToHaveTextAsync("Âm lượng phải là số nguyên từ 0 đến 100.");
        await Expect(speaker.Locator("[data-field=zones] .field-error")).ToHaveTextAsync("Cụm loa cần nghe ít nhất một khối/xóm.");
        await speaker.Locator("input[name=volume]").FillAsync("65");
        await speaker.Locator("input[name=zones][value=khoi-1]").CheckAsync();
        await speaker.Locator("input[name=zones][value=xom-3]").CheckAsync();
        await DeviceFormSteps.SubmitAsync(speaker);
        await Expect(page.Locator("#message")).ToHaveTextAsync("Cụm loa Khối 1: thiết bị đã nhận và áp dụng.");
        await hub.Nodes["loa-khoi-1-a"].WaitForZonesAsync(["khoi-1", "xom-3"], CommuneHarness.Wait);
        states.Read("loa-khoi-1-a")!.Reported!.State["volume"]!.GetValue<int>().Should().Be(65);
        var speakerState = Row(page, "loa-khoi-1-a").Locator("dl.fields");
        await Expect(speakerState.Locator("[data-key=volume] dd")).ToHaveTextAsync("65 %");
        await Expect(speakerState.Locator("[data-key=zones] dd")).ToHaveTextAsync("Khối 1, Xóm 3");

        // LED board: an emoji cannot be shown; Vietnamese text is applied and shown as letters, never \u escapes.
        var led = await OpenFormAsync(page, "led-board", DeviceFormSteps.LedId);
        await led.Locator("textarea[name=message_text]").FillAsync("Họp dân 19h 😀");
        await DeviceFormSteps.SubmitAsync(led);
        led = Form(page, DeviceFormSteps.LedId);
        await Expect(led.Locator("[data-field=message] .field-error")).ToContainTextAsync("Bảng LED không hiện được ký tự “😀”");
        await led.Locator("textarea[name=message_text]").FillAsync("Họp dân 19h tại nhà văn hoá Khối 1");
        await led.Locator("select[name=message_class]").SelectOptionAsync("announcement");
        await DeviceFormSteps.SubmitAsync(led);
        await Expect(page.Locator("#message")).ToHaveTextAsync("Bảng LED chợ Khối 1: thiết bị đã nhận và áp dụng.");
        states.Read(DeviceFormSteps.LedId)!.Reported!.State["message"]!["text"]!.GetValue<string>().Should().Be("Họp dân 19h tại nhà văn hoá Khối 1");
        await Expect(Row(page, DeviceFormSteps.LedId).Locator("dl.fields [data-key=message] dd")).ToHaveTextAsync("“Họp dân 19h tại nhà văn hoá Khối 1” · Thông báo");
        await Expect(Row(page, DeviceFormSteps.LedId).Locator("pre").First).ToContainTextAsync("Họp dân 19h tại nhà văn hoá", new() { UseInnerText = false });
        (await page.ContentAsync()).Should().NotContain("\\u1ECD").And.NotContain("\\u00E2");

        // Camera: switched off from a tick box.
        var camera = await OpenFormAsync(page, "camera", "cam-khoi-1");
        await camera.Locator("input[name=power]").UncheckAsync();
        await DeviceFormSteps.SubmitAsync(camera);
        await Expect(page.Locator("#message")).ToHaveTextAsync("Camera ngã ba chợ Khối 1: thiết bị đã nhận và áp dụng.");
        states.Read("cam-khoi-1")!.Reported!.State["power"]!.GetValue<bool>().Should().BeFalse();
        await Expect(Row(page, "cam-khoi-1").Locator("dl.fields [data-key=power] dd")).ToHaveTextAsync("Tắt");

        // Camera: automatic snapshots, a hub setting beside the desired keys; 4 minutes refused in Vietnamese, 30 kept.
        var schedules = hub.Get<SnapshotScheduleStore>();
        camera = await OpenFormAsync(page, "camera", "cam-khoi-1");
        await camera.Locator("input[name=snapshot_every]").FillAsync("4");
        await DeviceFormSteps.SubmitAsync(camera);
        camera = Form(page, "cam-khoi-1");
        await Expect(camera.Locator("[data-field=snapshot_every] .field-error")).ToHaveTextAsync("Chụp ảnh tự động: số phút phải là số nguyên từ 5 đến 1440; để trống hoặc 0 để tắt.");
        await Expect(camera.Locator("input[name=snapshot_every]")).ToHaveValueAsync("4");
        schedules.Get("cam-khoi-1").Should().BeNull("nothing is stored after a refusal");
        await camera.Locator("input[name=snapshot_every]").FillAsync("30");
        await DeviceFormSteps.SubmitAsync(camera);
        await Expect(page.Locator("#message")).ToHaveTextAsync("Camera ngã ba chợ Khối 1: chụp ảnh tự động mỗi 30 phút");
        schedules.Get("cam-khoi-1")!.EveryMinutes.Should().Be(30);
        camera = await OpenFormAsync(page, "camera", "cam-khoi-1");
        await Expect(camera.Locator("input[name=snapshot_every]")).ToHaveValueAsync("30");
        await Screenshots.SaveAsync(page, phone ? "device-forms-phone" : "device-forms");
    }

    private static ILocator Row(IPage page, string id) => page.Locator($"tr[data-id='{id}']");

    private static ILocator Form(IPage page, string id) => Row(page, id).Locator("form.desired");

    /// <summary>The devices page filtered to one kind, with the device's form opened.</summary>
    private static async Task<ILocator> OpenFormAsync(IPage page, string kind, string id)
    {
        await page.GotoAsync($"/devices?kind={kind}");
        await Row(page, id).Locator("details.desired-edit > summary").ClickAsync();
        var form = Form(page, id);
        await Expect(form).ToBeVisibleAsync();
        return form;
    }
}

/// <summary>Steps the device-page tests share.</summary>
public static class DeviceFormSteps
{
    public const string LedId = "led-khoi-1";

    /// <summary>An LED board in Khối 1, registered while the hub runs, and its simulator online.</summary>
    public static async Task AddLedBoardAsync(ConsoleHub hub)
    {
        hub.Commune.Secrets[LedId] = hub.Get<DeviceRegistry>().Add(new NewDevice(LedId, DeviceKind.LedBoard, ["khoi-1"], "Bảng LED chợ Khối 1"));
        hub.Nodes[LedId] = await hub.Commune.StartNodeAsync(LedId);
    }

    /// <summary>Posts the form and waits for the page that answers it (a marker on the old document is gone), still filtered.</summary>
    public static async Task SubmitAsync(ILocator form)
    {
        var page = form.Page;
        await page.EvaluateAsync("() => { window.tkStale = true; }");
        await form.Locator("button[type=submit]").ClickAsync();
        await page.WaitForFunctionAsync("() => !window.tkStale && document.readyState !== 'loading'");
        await Expect(page).ToHaveURLAsync(new Regex("kind="));
    }
}
