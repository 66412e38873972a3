using TanKy.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace TanKy.Web.Tests.Broadcast;

/// <summary>
/// A microphone the browser refuses on "Phát ngay" is explained in the page's words, never as the
/// browser's error name or the script's code ("no-microphone", "NotAllowedError"). The shared
/// chromium grants the fake microphone, so the refusal is made in the page before its scripts run.
/// </summary>
[Collection(OnAirCollection.Name)]
public sealed class BroadcastMicText_Tests(Browser browser)
{
    private const string Denied = "navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));";
    private const string Missing = "navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Requested device not found', 'NotFoundError'));";
    private const string Insecure = "Object.defineProperty(navigator, 'mediaDevices', { value: undefined, configurable: true });";

    [Theory]
    [InlineData(Denied, "Bạn chưa cho phép trang này dùng micrô. Hãy cho phép micrô trong cài đặt của trình duyệt rồi thử lại.")]
    [InlineData(Missing, "Không tìm thấy micrô trên máy này.")]
    [InlineData(Insecure, "Micrô cần kết nối bảo mật (HTTPS)")]
    public async Task A_refused_microphone_is_said_in_Vietnamese(string refusal, string expected)
    {
        await using var hub = await ConsoleHub.StartAsync();
        var page = await browser.NewPageAsync(hub);
        await page.LoginAsync(ConsoleHub.AdminName, ConsoleHub.AdminPassword);
        await page.AddInitScriptAsync(refusal);
        await page.GotoAsync("/broadcast");
        await page.Locator("input[name=content][value=recording]").CheckAsync();

        await page.Locator("#rec-start").ClickAsync();

        var error = page.Locator("#broadcast-error");
        await Expect(error).ToHaveTextAsync(expected);
        (await error.TextContentAsync()).Should().NotContainAny("no-microphone", "NotAllowedError", "NotFoundError", "Permission denied");
    }

    [Fact]
    public async Task A_refused_microphone_is_said_in_English_when_the_officer_chose_English()
    {
        await using var hub = await ConsoleHub.StartAsync();
        var page = await browser.NewPageAsync(hub);
        await page.LoginAsync(ConsoleHub.AdminName, ConsoleHub.AdminPassword);
        await page.GotoAsync("/lang/en");
        await page.AddInitScriptAsync(Denied);
        await page.GotoAsync("/broadcast");
        await page.Locator("input[name=content][value=recording]").CheckAsync();

        await page.Locator("#rec-start").ClickAsync();

        await Expect(page.Locator("#broadcast-error")).ToHaveTextAsync("You have not allowed this page to use the microphone. Allow the microphone in the browser settings and try again.");
    }
}
