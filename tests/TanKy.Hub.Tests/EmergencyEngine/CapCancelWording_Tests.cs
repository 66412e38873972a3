using TanKy.Hub.Shared.Text;
using System.Net;
using TanKy.Hub.Broadcasts;
using TanKy.Hub.Emergency.Cap;
using TanKy.Hub.Tests.Emergency;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.EmergencyEngine;

/// <summary>
/// Issue #17, item 13: a CAP Cancel stops the broadcast on the real engine, whose end reason names
/// the cancelling message once ("stopped by CAP …", not "stopped by cancelled by CAP …"). The
/// typhoon reaches the commune by the geocode rules shipped in commune/tan-ky.yaml (no Alerts:Cap
/// geocodes are configured). CAP dates are built from the hub's own clock.
/// </summary>
public sealed class CapCancelWording_Tests : IAsyncLifetime
{
    private readonly RunningClock _clock = new(TimeProvider.System.GetUtcNow() - TimeSpan.FromDays(30));
    private EmergencyHub _hub = null!;
    private string _token = null!;

    public async Task InitializeAsync()
    {
        _hub = await EmergencyHub.StartAsync(
            new Dictionary<string, string>
            {
                ["Alerts:Cap:SirenMediaId"] = "tin-10s",
                ["Alerts:Cap:SynthesizeSpeech"] = "false",
                ["Alerts:Cap:Repeat"] = "5",
                ["Alerts:Cap:RepeatInterval"] = "00:00:01",
            },
            clock: _clock);
        _token = _hub.Hub.Get<CapSenderStore>().Add(CapSamples.Sender, withToken: true, key: null, note: null)!;
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private async Task PostAsync(string xml)
    {
        using var officer = _hub.Client("van-hoa");
        officer.DefaultRequestHeaders.Add(CapEndpoints.SenderTokenHeader, _token);
        using var response = await officer.PostAsync("/api/v1/cap", new StringContent(xml, System.Text.Encoding.UTF8, "application/cap+xml"));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_cap_cancel_ends_the_broadcast_with_the_cancelling_message_named_once()
    {
        var now = _clock.GetUtcNow();
        var sent = CapSamples.Time(now - TimeSpan.FromMinutes(5));
        await PostAsync(CapSamples.Typhoon(sent: sent, expires: CapSamples.Time(now + TimeSpan.FromHours(36))));
        var broadcast = _hub.Broadcasts.List(5).Should().ContainSingle().Subject;
        broadcast.Zones.Should().BeEquivalentTo(_hub.Dir.Zones.List().Select(z => z.Id), "the shipped rules map ISO3166-2 VN-22 to the whole commune");

        await PostAsync(CapSamples.CancelSentAt(sent, "KTTV-BTB-2026-0316", "KTTV-BTB-2026-0315"));

        await EmergencyHub.EventuallyAsync(() => _hub.Broadcasts.Get(broadcast.Id)!.Status == BroadcastStatus.Cancelled, "the cancel to stop the broadcast");
        var ended = _hub.Broadcasts.Get(broadcast.Id)!;
        HubText.Default.Render(ended.EndReason, "en").Should().Be("stopped by CAP KTTV-BTB-2026-0316");
        HubText.Default.Render(ended.EndReason, "vi").Should().Be("Dừng theo tin CAP KTTV-BTB-2026-0316");
        ended.EndReason.Should().NotContain("cancelled by");
    }
}
