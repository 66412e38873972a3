using Microsoft.Playwright;
using TanKy.Hub.Broadcasts;
using TanKy.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace TanKy.Web.Tests.Https;

/// <summary>
/// Push-to-talk as a hamlet head's phone reaches the hub by its LAN name (hub.tanky.lan, mapped to
/// 127.0.0.1 by Chromium's host resolver, so traffic stays on loopback but the origin is not
/// "localhost"): over HTTPS with the hub's certificate trusted, the fake microphone goes on the
/// air and the simulated speaker plays it; over plain HTTP the page is not a secure context, and
/// it says in Vietnamese that the microphone needs HTTPS, with links to the HTTPS address and the
/// certificate page, instead of a raw "no-microphone".
/// </summary>
[Collection(OnAirCollection.Name)]
public sealed class TalkOverHttps_Tests
{
    [Fact]
    public async Task Over_https_by_name_the_microphone_goes_on_the_air_and_over_http_the_page_asks_for_https()
    {
        using var ca = new LocalCa();
        await using var hub = await ConsoleHub.StartAsync(withDevices: true, settings: ca.HubSettings());
        hub.AddHamletHead();
        var https = $"https://{LocalCa.LanName}:{hub.Port("https")}";
        var http = $"http://{LocalCa.LanName}:{hub.Port("http")}";
        await using var chromium = await LaunchTrustingAsync(ca);

        var secure = await PhoneAsync(chromium, https);
        await secure.LoginAsync(ConsoleHub.HeadName, ConsoleHub.HeadPassword);
        await secure.GotoAsync("/talk");
        (await secure.EvaluateAsync<bool>("window.isSecureContext")).Should().BeTrue("the hub's certificate is trusted");
        await Expect(secure.Locator("#ptt-https")).ToBeHiddenAsync();
        var button = secure.Locator("#ptt");
        await button.HoverAsync();
        await secure.Mouse.DownAsync();
        await Expect(button).ToHaveAttributeAsync("data-state", "on-air", new() { Timeout = 20_000 });
        var row = secure.Locator("#report tr[data-device='loa-khoi-1-a']");
        await Expect(row).Not.ToHaveAttributeAsync("data-outcome", "pending", new() { Timeout = 20_000 });
        await Screenshots.SaveAsync(secure, "talk-https");
        await secure.Mouse.UpAsync();
        await Expect(row).ToHaveAttributeAsync("data-outcome", "finished", new() { Timeout = 30_000 });
        var id = await secure.Locator("#report").GetAttributeAsync("data-broadcast");
        hub.Get<IBroadcastService>().GetDeliveryReport(id!).Nodes.Should().ContainSingle(n => n.DeviceId == "loa-khoi-1-a")
            .Which.FramesPlayed.Should().BeGreaterThan(0);

        var plain = await PhoneAsync(chromium, http);
        await plain.LoginAsync(ConsoleHub.HeadName, ConsoleHub.HeadPassword);
        await plain.GotoAsync("/talk");
        (await plain.EvaluateAsync<bool>("window.isSecureContext")).Should().BeFalse("http:// by a LAN name is not a secure context");
        var notice = plain.Locator("#ptt-https");
        await Expect(notice).ToBeVisibleAsync();
        await Expect(notice).ToContainTextAsync("Micrô cần kết nối bảo mật (HTTPS)");
        await Expect(plain.Locator("#ptt-https-link")).ToHaveAttributeAsync("href", $"{https}/talk");
        await Expect(plain.Locator("#ptt-cert-link")).ToHaveAttributeAsync("href", "/certificate");
        await Expect(plain.Locator("#ptt")).ToBeDisabledAsync();
        await Screenshots.SaveAsync(plain, "talk-needs-https");
        (await plain.Locator("main").InnerTextAsync()).Should().NotContain("no-microphone");
        hub.Get<IBroadcastService>().List(10).Should().ContainSingle("the plain-HTTP page put nothing on the air");

        // The certificate link works on plain HTTP: the phone gets the CA before it trusts HTTPS.
        await plain.Locator("#ptt-cert-link").ClickAsync();
        await Expect(plain.Locator("h1")).ToHaveTextAsync("Cài chứng chỉ cho điện thoại");
        await Expect(plain.Locator("#cert-download")).ToHaveAttributeAsync("href", "/certificate/tanky-ca.crt");
        await Screenshots.SaveAsync(plain, "certificate-phone");
    }

    /// <summary>
    /// A Chromium of its own: the shared one cannot be told about this test's certificate. The SPKI
    /// list makes Chromium accept exactly that server key, as a phone that installed the CA would.
    /// </summary>
    private static async Task<Launched> LaunchTrustingAsync(LocalCa ca)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Browser.ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run",
                "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                $"--ignore-certificate-errors-spki-list={ca.ServerSpkiHash}",
                $"--host-resolver-rules=MAP {LocalCa.LanName} 127.0.0.1",
            ],
        });
        return new Launched(playwright, browser);
    }

    private static async Task<IPage> PhoneAsync(Launched launched, string baseUrl)
    {
        var context = await launched.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    private sealed class Launched(IPlaywright playwright, IBrowser browser) : IAsyncDisposable
    {
        public IBrowser Browser { get; } = browser;

        public async ValueTask DisposeAsync()
        {
            await Browser.DisposeAsync();
            playwright.Dispose();
        }
    }
}
