using System.Net;
using System.Security.Cryptography;
using TanKy.Hub.Broadcasts;
using TanKy.Hub.Emergency;
using TanKy.Hub.Emergency.Cap;
using TanKy.Hub.Tests.Emergency;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.EmergencyEngine;

/// <summary>
/// Issue #14, CAP: on the real hub, over the HTTP API and the watched folder, a forged Test
/// duplicate, a cross-sender Cancel and a wrong signature are each refused, and the genuine alert
/// still airs. The hub runs on its own running clock (another day than the machine's); every CAP
/// date is built from that clock.
/// </summary>
public sealed class CapSenderHub_Tests : IAsyncLifetime
{
    private const string Evil = "evil@example.com";
    // Thirty days behind the machine: another day, yet inside the API tokens' default lifetime
    // (EmergencyHub makes them on the system clock).
    private readonly RunningClock _clock = new(TimeProvider.System.GetUtcNow() - TimeSpan.FromDays(30));
    private readonly RSA _genuineKey = CapSigning.NewKey();
    private readonly RSA _evilKey = CapSigning.NewKey();
    private EmergencyHub _hub = null!;
    private string _inbox = null!;
    private string _genuineToken = null!;
    private string _evilToken = null!;

    public async Task InitializeAsync()
    {
        _inbox = Path.Combine(Path.GetTempPath(), "tanky-cap-inbox-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_inbox);
        _hub = await EmergencyHub.StartAsync(
            new Dictionary<string, string>
            {
                // A 10 s clip five times: the genuine emergency is still on air when the attacks come.
                ["Alerts:Cap:SirenMediaId"] = "tin-10s",
                ["Alerts:Cap:SynthesizeSpeech"] = "false",
                ["Alerts:Cap:Repeat"] = "5",
                ["Alerts:Cap:RepeatInterval"] = "00:00:01",
                ["Alerts:Cap:Geocodes:0:ValueName"] = "ISO3166-2",
                ["Alerts:Cap:Geocodes:0:Value"] = "VN-22",
                ["Alerts:Cap:Geocodes:0:Zones:0"] = "*",
                ["Alerts:Cap:WatchDirectory"] = _inbox,
                ["Alerts:Cap:ScanInterval"] = "00:00:00.2",
            },
            clock: _clock);
        var senders = _hub.Hub.Get<CapSenderStore>();
        _genuineToken = senders.Add(CapSamples.Sender, withToken: true, key: CapSigning.Bytes(CapSigning.PublicKeyPem(_genuineKey)), note: null)!;
        _evilToken = senders.Add(Evil, withToken: true, key: CapSigning.Bytes(CapSigning.PublicKeyPem(_evilKey)), note: null)!;
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        _genuineKey.Dispose();
        _evilKey.Dispose();
        Directory.Delete(_inbox, recursive: true);
    }

    private (string Sent, string Expires) Dates()
    {
        var now = _clock.GetUtcNow();
        return (CapSamples.Time(now - TimeSpan.FromMinutes(5)), CapSamples.Time(now + TimeSpan.FromHours(36)));
    }

    private async Task<HttpResponseMessage> PostAsync(string xml, string? senderToken)
    {
        using var officer = _hub.Client("van-hoa");
        if (senderToken is not null)
        {
            officer.DefaultRequestHeaders.Add(CapEndpoints.SenderTokenHeader, senderToken);
        }

        return await officer.PostAsync("/api/v1/cap", new StringContent(xml, System.Text.Encoding.UTF8, "application/cap+xml"));
    }

    private IReadOnlyList<TriggerAuditEntry> Refusals() => _hub.Hub.Get<TriggerAudit>().Query(new TriggerAuditQuery(Allowed: false));

    [Fact]
    public async Task Over_HTTP_a_forged_Test_a_cross_sender_Cancel_and_a_wrong_signature_are_refused_and_the_genuine_alert_airs()
    {
        var (sent, expires) = Dates();
        var typhoon = CapSamples.Typhoon(sent: sent, expires: expires);

        // 1. A Test naming the weather service as sender, with the identifier its next alert will use.
        var forged = await PostAsync(CapSamples.Typhoon(status: "Test", sent: sent, expires: expires), _evilToken);
        forged.StatusCode.Should().Be(HttpStatusCode.Forbidden, await forged.Content.ReadAsStringAsync());

        // 2. A wrong signature: the genuine alert signed with another key.
        var wrongSignature = await PostAsync(CapSigning.Sign(typhoon, _evilKey), null);
        wrongSignature.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await wrongSignature.Content.ReadAsStringAsync()).Should().Contain("does not verify with the key registered");

        // The genuine alert, signed by the weather service, still airs: nothing above was taken as its duplicate.
        var genuine = await PostAsync(CapSigning.Sign(typhoon, _genuineKey), null);
        genuine.StatusCode.Should().Be(HttpStatusCode.OK, await genuine.Content.ReadAsStringAsync());
        var broadcast = _hub.Broadcasts.List(5).Should().ContainSingle().Subject;
        broadcast.Class.Should().Be("emergency");

        // 3. evil@example.com, authenticated as itself, cancels the weather service's alert.
        var cancel = await PostAsync(CapSamples.AsSender(CapSamples.CancelSentAt(sent, "EVIL-1", "KTTV-BTB-2026-0315"), Evil), _evilToken);
        cancel.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await cancel.Content.ReadAsStringAsync()).Should().Contain("references messages of another sender");

        _hub.Broadcasts.Get(broadcast.Id)!.Status.Should().BeOneOf(BroadcastStatus.Queued, BroadcastStatus.Playing);
        Refusals().Should().HaveCount(3).And.OnlyContain(e => e.Channel == TriggerChannel.Cap && e.Actor == "van-hoa");

        // The genuine sender's own Cancel does stop it.
        var own = await PostAsync(CapSamples.CancelSentAt(sent, "KTTV-BTB-2026-0316", "KTTV-BTB-2026-0315"), _genuineToken);
        own.StatusCode.Should().Be(HttpStatusCode.OK, await own.Content.ReadAsStringAsync());
        await EmergencyHub.EventuallyAsync(() => _hub.Broadcasts.Get(broadcast.Id)!.Status == BroadcastStatus.Cancelled, "the genuine cancel to stop the broadcast");
    }

    [Fact]
    public async Task Through_the_folder_a_wrong_signature_and_unsigned_files_are_refused_and_the_signed_alert_airs()
    {
        var (sent, expires) = Dates();
        var typhoon = CapSamples.Typhoon(sent: sent, expires: expires);

        await DropAsync("1-forged-test.xml", CapSigning.Sign(CapSamples.Typhoon(status: "Test", sent: sent, expires: expires), _evilKey));
        await DropAsync("2-unsigned.xml", typhoon);
        await DropAsync("3-genuine.xml", CapSigning.Sign(typhoon, _genuineKey));
        var broadcast = _hub.Broadcasts.List(5).Should().ContainSingle().Subject;
        await DropAsync("4-evil-cancel.xml", CapSigning.Sign(CapSamples.AsSender(CapSamples.CancelSentAt(sent, "EVIL-1", "KTTV-BTB-2026-0315"), Evil), _evilKey));

        Failure("1-forged-test.xml").Should().Contain("does not verify with the key registered");
        Failure("2-unsigned.xml").Should().Contain("must sign the alert");
        Failure("4-evil-cancel.xml").Should().Contain("references messages of another sender");
        Directory.GetFiles(Path.Combine(_inbox, CapFolderWatcher.ProcessedFolder)).Should().ContainSingle().Which.Should().EndWith("-3-genuine.xml");
        _hub.Broadcasts.Get(broadcast.Id)!.Status.Should().BeOneOf(BroadcastStatus.Queued, BroadcastStatus.Playing);
        Refusals().Should().HaveCount(3).And.OnlyContain(e => e.Channel == TriggerChannel.Cap && e.Remote!.StartsWith(_inbox));
    }

    /// <summary>Writes under another name and renames into place (as emergency.md asks of writers), then waits for the watcher to move it.</summary>
    private async Task DropAsync(string name, string xml)
    {
        var temporary = Path.Combine(_inbox, name + ".part");
        await File.WriteAllTextAsync(temporary, xml);
        File.Move(temporary, Path.Combine(_inbox, name));
        await EmergencyHub.EventuallyAsync(() => Done(CapFolderWatcher.ProcessedFolder, $"*-{name}") || Done(CapFolderWatcher.FailedFolder, $"*-{name}.error.txt"), $"the watcher to take {name}");
    }

    private bool Done(string folder, string pattern)
    {
        var path = Path.Combine(_inbox, folder);
        return Directory.Exists(path) && Directory.GetFiles(path, pattern).Length > 0;
    }

    private string Failure(string name) =>
        File.ReadAllText(Directory.GetFiles(Path.Combine(_inbox, CapFolderWatcher.FailedFolder), $"*-{name}.error.txt").Should().ContainSingle().Subject);
}
