using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TanKy.Hub.Broadcasts;
using TanKy.Hub.Broadcasts.Relay;
using TanKy.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace TanKy.Web.Tests.Broadcast;

/// <summary>"Tiếp sóng" on the Phát ngay page in a real browser: a registered source (a generated tone) relayed to a hamlet, with its live status.</summary>
[Collection(OnAirCollection.Name)]
public sealed class RelayPage_Tests(Browser browser)
{
    private static readonly LocatorAssertionsToHaveTextOptions Long = new() { Timeout = 60_000 };

    [Fact]
    public async Task A_relay_is_chosen_on_Phat_ngay_shows_receiving_level_and_dropouts_and_stops()
    {
        await using var hub = await ConsoleHub.StartAsync(withDevices: true, customize: b =>
        {
            b.Services.AddSingleton<IRelaySources>(new Sources());
            b.Services.AddSingleton<IPcmFeedFactory>(new ToneFeeds());
        });
        var page = await browser.NewPageAsync(hub);
        await page.LoginAsync(ConsoleHub.AdminName, ConsoleHub.AdminPassword);
        await page.GotoAsync("/broadcast");

        await page.Locator("input[name=zones][value='khoi-1']").CheckAsync();
        await page.Locator("input[name=content][value=relay]").CheckAsync();
        await Expect(page.Locator("#bc-relay-source option")).ToHaveTextAsync("VOV1 – Thời sự (vov1)");

        // Not as an emergency: refused on the page, nothing sent.
        await page.Locator("input[name=class][value=emergency]").CheckAsync();
        await page.Locator("#broadcast-send").ClickAsync();
        await Expect(page.Locator("#broadcast-error")).ToHaveTextAsync("Tiếp sóng không phát ở mức khẩn cấp.");
        hub.Get<IBroadcastService>().List(10).Should().BeEmpty();

        await page.Locator("input[name=class][value=normal]").CheckAsync();
        await page.Locator("#bc-relay-duration").SelectOptionAsync("30m");
        await page.Locator("#broadcast-send").ClickAsync();

        var status = page.Locator("#relay-status");
        await Expect(status).ToBeVisibleAsync();
        await Expect(page.Locator("#relay-receiving")).ToHaveTextAsync("Đang nhận sóng", Long);
        await Expect(page.Locator("#relay-mode")).ToHaveTextAsync("đang phát nguồn");
        await Expect(page.Locator("#relay-dropouts")).ToHaveTextAsync("0");
        await Expect(page.Locator("#relay-level")).ToContainTextAsync("dBFS", new() { Timeout = 60_000 });
        var report = page.Locator("#report");
        await Expect(report.Locator("[data-field=status]")).ToHaveTextAsync("Đang phát", Long);
        var record = hub.Get<IBroadcastService>().Get((await report.Locator("[data-field=id]").TextContentAsync())!)!;
        (record.Title, record.Source, record.Class).Should().Be(("Tiếp sóng: VOV1 – Thời sự", "console", "normal"));
        await Screenshots.SaveAsync(page, "broadcast-relay");

        await page.Locator("#broadcast-stop").ClickAsync();
        await Expect(report.Locator("[data-field=status]")).ToHaveTextAsync("Đã dừng", Long);
    }

    private sealed class Sources : IRelaySources
    {
        private static readonly RelaySource Vov1 = new("vov1", "VOV1 – Thời sự", ["http://127.0.0.1:1/vov1"], DateTimeOffset.UnixEpoch);

        public RelaySource? Find(string id) => id == Vov1.Id ? Vov1 : null;

        public IReadOnlyList<RelaySource> List() => [Vov1];
    }

    private sealed class ToneFeeds : IPcmFeedFactory
    {
        public IPcmFeed Open(RelaySource source) => new ToneFeed();
    }

    // A 440 Hz tone, one frame per read, at once: the broadcast's pacer sets the rate.
    private sealed class ToneFeed : IPcmFeed
    {
        private long _n;

        public PcmFeedStatusReport Status => new("http://127.0.0.1:1/vov1", true, 0, -20);

        public ValueTask<PcmFeedStatus> ReadFrameAsync(Memory<float> frame, CancellationToken cancellationToken)
        {
            var span = frame.Span;
            for (var i = 0; i < span.Length; i++, _n++)
            {
                span[i] = (float)(0.1 * Math.Sin(2 * Math.PI * 440 * _n / 48_000));
            }

            return ValueTask.FromResult(PcmFeedStatus.Audio);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
