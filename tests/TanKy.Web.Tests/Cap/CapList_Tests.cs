using TanKy.Hub.Shared.Text;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using TanKy.Hub.Broadcasts;
using TanKy.Hub.Emergency.Cap;
using TanKy.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace TanKy.Web.Tests.Cap;

/// <summary>
/// Issue #17, item 13: the console's CAP list (/cap) says in Vietnamese why an alert reached no
/// hamlet, and what a Cancel stopped. Alerts go through the hub's own intake; their dates come from
/// the hub's clock (fixed to 2026-11-28 noon, running), so they never expire under faketime.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class CapList_Tests(Browser browser)
{
    private const string Sender = "canhbao@pctt-nghean.gov.vn";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_alert_for_another_commune_shows_why_in_Vietnamese(bool phone)
    {
        await using var hub = await ConsoleHub.StartAsync(fixedClock: true);
        hub.AddUser("van-hoa", Hub.Accounts.Role.Officer, "mat-khau-van-hoa");
        var token = Register(hub);
        var result = await SubmitAsync(hub, token, Alert(hub, "PCTT-NA-2026-201", "Alert", null, "xã Nghĩa Đồng, huyện Tân Kỳ, tỉnh Nghệ An"));
        result.Decision!.Action.Should().Be(CapAction.Ignore);

        var page = await browser.NewPageAsync(hub, phone);
        await page.LoginAsync("van-hoa", "mat-khau-van-hoa");
        await page.GotoAsync("/cap");
        var row = page.Locator("#cap-alerts tr[data-identifier='PCTT-NA-2026-201']");
        await Expect(row).ToContainTextAsync("Không phát");
        await Expect(row.Locator(".cap-reason")).ToContainTextAsync("Không khớp khu vực nào của xã:");
        await Expect(row.Locator(".cap-misses li")).ToHaveTextAsync("vùng 1: “xã Nghĩa Đồng” nằm ngoài xã này.");
        await Expect(row).Not.ToContainTextAsync("no area");
        await Screenshots.SaveAsync(page, phone ? "cap-list-phone" : "cap-list");
    }

    [Fact]
    public async Task A_cancel_reads_as_one_Vietnamese_sentence_and_a_viewer_may_not_open_the_list()
    {
        await using var hub = await ConsoleHub.StartAsync(fixedClock: true);
        hub.Get<IOptions<CapOptions>>().Value.SirenMediaId = await hub.ImportClipAsync("Còi báo động", TimeSpan.FromSeconds(20));
        hub.Get<IOptions<CapOptions>>().Value.SynthesizeSpeech = false;
        var token = Register(hub);
        var started = await SubmitAsync(hub, token, Alert(hub, "PCTT-NA-2026-202", "Alert", null, "Xóm 3, xã Tân Kỳ, huyện Tân Kỳ, tỉnh Nghệ An"));
        started.Decision!.Zones.Should().Equal("xom-3");
        await SubmitAsync(hub, token, Alert(hub, "PCTT-NA-2026-203", "Cancel", "PCTT-NA-2026-202", null));
        HubText.Default.Render(await EndReasonAsync(hub, started.BroadcastId!), "vi").Should().Be("Dừng theo tin CAP PCTT-NA-2026-203");

        using var officer = new ConsoleClient(hub.BaseAddress);
        hub.AddUser("van-hoa", Hub.Accounts.Role.Officer, "mat-khau-van-hoa");
        await officer.LoginAsync("van-hoa", "mat-khau-van-hoa");
        var html = WebUtility.HtmlDecode(await officer.PageAsync("/cap"));
        html.Should().Contain("Đã dừng 1 buổi phát theo lệnh huỷ bản tin PCTT-NA-2026-202.");
        html.Should().Contain("<td data-label=\"Khu vực phát\">Xóm 3</td>").And.NotContain("cancelled by");

        using var viewer = new ConsoleClient(hub.BaseAddress);
        hub.AddUser("nguoi-xem", Hub.Accounts.Role.Viewer, "mat-khau-nguoi-xem");
        await viewer.LoginAsync("nguoi-xem", "mat-khau-nguoi-xem");
        using var refused = await viewer.Http.GetAsync("/cap");
        refused.StatusCode.Should().Be(HttpStatusCode.Found, "a signed-in viewer is sent to the access-denied page");
        refused.Headers.Location!.OriginalString.Should().Contain("/denied");
    }

    private static string Register(ConsoleHub hub) => hub.Get<CapSenderStore>().Add(Sender, withToken: true, key: null, note: null)!;

    private static Task<CapIntakeResult> SubmitAsync(ConsoleHub hub, string token, string xml) =>
        hub.Get<CapIntakeService>().SubmitAsync(Encoding.UTF8.GetBytes(xml), new CapSubmission("http", "van-hoa", "127.0.0.1", "officer", token), CancellationToken.None);

    /// <summary>The engine ends the broadcast once its streams are cut, just after the cancel returns.</summary>
    private static async Task<string?> EndReasonAsync(ConsoleHub hub, string broadcastId)
    {
        var broadcasts = hub.Get<IBroadcastService>();
        for (var deadline = DateTime.UtcNow.AddSeconds(10); DateTime.UtcNow < deadline; await Task.Delay(50))
        {
            if (broadcasts.Get(broadcastId) is { Status: BroadcastStatus.Cancelled } ended)
            {
                return ended.EndReason;
            }
        }

        return broadcasts.Get(broadcastId)?.Status;
    }

    /// <summary>A CAP 1.2 message sent five minutes before the hub's now, expiring six hours after it.</summary>
    private static string Alert(ConsoleHub hub, string id, string msgType, string? cancels, string? areaDesc)
    {
        var now = hub.Get<TimeProvider>().GetUtcNow().ToOffset(TimeSpan.FromHours(7));
        string At(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        var sent = At(now.AddMinutes(-5));
        var info = areaDesc is null
            ? "<info><language>vi-VN</language><category>Met</category><event>Lũ quét</event><urgency>Past</urgency><severity>Minor</severity><certainty>Observed</certainty><headline>Nước đã rút</headline></info>"
            : $"<info><language>vi-VN</language><category>Met</category><event>Lũ quét</event><urgency>Immediate</urgency><severity>Severe</severity><certainty>Observed</certainty><expires>{At(now.AddHours(6))}</expires><headline>Lũ quét, bà con di chuyển lên chỗ cao</headline><area><areaDesc>{areaDesc}</areaDesc></area></info>";
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
              <identifier>{id}</identifier><sender>{Sender}</sender><sent>{sent}</sent><status>Actual</status><msgType>{msgType}</msgType><scope>Public</scope>
              {(cancels is null ? "" : $"<references>{Sender},{cancels},{sent}</references>")}
              {info}
            </alert>
            """;
    }
}
