using Microsoft.Playwright;

namespace TanKy.Web.Tests.Support;

/// <summary>
/// One headless Debian chromium for the whole test run, driven by Microsoft.Playwright's bundled
/// driver. No browser download: <c>playwright install</c> cannot work on this network and is never run.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Chromium { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (.ci/run does)");
        }

        _playwright = await Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run",
                "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
            ],
        });
    }

    /// <summary>A fresh browser profile (no cookies) on the hub, in Vietnamese, phone-sized or desk-sized.</summary>
    public async Task<IPage> NewPageAsync(ConsoleHub hub, bool phone = false)
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = hub.BaseAddress.ToString().TrimEnd('/'),
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1366, Height = 900 },
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

/// <summary>
/// Browser tests run one at a time per collection, each collection with its own chromium. There are
/// two: the tests that wait on real broadcasts (<see cref="OnAirCollection"/>) and the rest, so that
/// one collection's waits on audio playing in real time overlap the other's page work on 2 cores
/// (measured: the Web suite 4 min 23 s serial).
/// </summary>
[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<Browser>
{
    public const string Name = "console";
}

/// <summary>Browser tests that put something on the air and wait for speakers to play it.</summary>
[CollectionDefinition(Name)]
public sealed class OnAirCollection : ICollectionFixture<Browser>
{
    public const string Name = "console-on-air";
}
