using System.Security.Cryptography;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using TanKy.Hub.Emergency;
using TanKy.Hub.Emergency.Cap;

namespace TanKy.Hub.Tests.Emergency;

/// <summary>
/// CAP sender authentication (issue #14) on the intake service: tokens, enveloped signatures, the
/// folder binding, and duplicates / Cancel keyed by the authenticated sender. The real hub over
/// HTTP and the folder is <c>EmergencyEngine/CapSenderHub_Tests</c>.
/// </summary>
public sealed class CapSenderAuth_Tests : IDisposable
{
    private const string Evil = "evil@example.com";
    private readonly CommuneFixture _commune = new();
    private readonly RecordingEmergencyTrigger _trigger = new();
    private readonly CapOptions _options = new() { Geocodes = CommuneFixture.Geocodes, SirenMediaId = "coi-hu", Repeat = 1 };
    private readonly CapAlertStore _store;
    private readonly CapSenderStore _senders;
    private readonly CapIntakeService _intake;
    private readonly RSA _genuineKey = CapSigning.NewKey();
    private readonly RSA _evilKey = CapSigning.NewKey();
    private readonly string _genuineToken;
    private readonly string _evilToken;

    public CapSenderAuth_Tests()
    {
        var dir = _commune.Dir;
        _store = new CapAlertStore(dir.Db, dir.Time);
        _senders = new CapSenderStore(dir.Db, dir.Time);
        _genuineToken = _senders.Add(CapSamples.Sender, withToken: true, key: CapSigning.Bytes(CapSigning.PublicKeyPem(_genuineKey)), note: "KTTV Bắc Trung Bộ")!;
        _evilToken = _senders.Add(Evil, withToken: true, key: CapSigning.Bytes(CapSigning.PublicKeyPem(_evilKey)), note: null)!;
        _intake = new CapIntakeService(_store, new CapSenderAuthenticator(_senders), _trigger, new TriggerAudit(dir.Db, dir.Time), dir.Zones, dir.Devices,
            Microsoft.Extensions.Options.Options.Create(_options), dir.Time, NullLogger<CapIntakeService>.Instance);
    }

    public void Dispose()
    {
        _genuineKey.Dispose();
        _evilKey.Dispose();
        _commune.Dispose();
    }

    private Task<CapIntakeResult> Post(string xml, string? token) =>
        _intake.SubmitAsync(CapSamples.Bytes(xml), new CapSubmission("http", "van-hoa", "10.0.0.5", "officer", SenderToken: token), CancellationToken.None);

    private IReadOnlyList<TriggerAuditEntry> Refusals() => new TriggerAudit(_commune.Db, _commune.Dir.Time).Query(new TriggerAuditQuery(Allowed: false));

    [Fact]
    public async Task A_forged_Test_with_the_next_identifier_is_refused_and_the_Actual_alert_still_airs()
    {
        // The attacker has a token of its own, but names the weather service as sender.
        var forged = await Post(CapSamples.Typhoon(status: "Test"), _evilToken);

        forged.Refusal.Should().Contain($"not a token of sender '{CapSamples.Sender}'");
        _store.Recent().Should().BeEmpty("a refused message is not recorded as seen");
        Refusals().Should().ContainSingle().Which.What.Should().Contain("KTTV-BTB-2026-0315");

        var genuine = await Post(CapSamples.Typhoon(), _genuineToken);

        genuine.Decision!.Action.Should().Be(CapAction.Broadcast);
        _trigger.Triggered.Should().ContainSingle();
    }

    [Fact]
    public async Task The_senders_own_Test_with_the_same_identifier_never_blocks_the_Actual_alert()
    {
        (await Post(CapSamples.Typhoon(status: "Test"), _genuineToken)).Decision!.Action.Should().Be(CapAction.RecordOnly);

        var actual = await Post(CapSamples.Typhoon(), _genuineToken);

        actual.Decision!.Action.Should().Be(CapAction.Broadcast);
        _trigger.Triggered.Should().ContainSingle();
        _store.Find(CapSamples.Sender, "KTTV-BTB-2026-0315")!.Status.Should().Be("Actual");
        _store.Recent().Select(r => r.Status).Should().BeEquivalentTo(["Actual", "Test"]);
        (await Post(CapSamples.Typhoon(), _genuineToken)).Decision!.Action.Should().Be(CapAction.Ignore, "an Actual repeat is still a duplicate");
        (await Post(CapSamples.Typhoon(status: "Test"), _genuineToken)).Decision!.Action.Should().Be(CapAction.Ignore);
    }

    [Fact]
    public async Task A_Cancel_from_another_registered_sender_is_refused_and_the_emergency_keeps_playing()
    {
        await Post(CapSamples.Flood(), _genuineToken);

        // evil@example.com authenticates as itself, and references the weather service's alert.
        var cancel = await Post(CapSamples.AsSender(CapSamples.Cancel("EVIL-1", "PCTT-TK-2026-041"), Evil), _evilToken);

        cancel.Refusal.Should().Contain("references messages of another sender").And.Contain("PCTT-TK-2026-041");
        _trigger.Cancelled.Should().BeEmpty();
        _store.Find(CapSamples.Sender, "PCTT-TK-2026-041")!.EndedAt.Should().BeNull();
        Refusals().Should().ContainSingle().Which.Actor.Should().Be("van-hoa");

        (await Post(CapSamples.Cancel("PCTT-TK-2026-043", "PCTT-TK-2026-041"), _genuineToken)).CancelledBroadcasts.Should().Equal("b-1");
    }

    [Fact]
    public async Task An_alert_without_a_credential_or_from_an_unregistered_sender_is_refused()
    {
        (await Post(CapSamples.Typhoon(), null)).Refusal.Should().Contain("must sign the alert or send its X-Cap-Token");
        (await Post(CapSamples.AsSender(CapSamples.Typhoon(), "stranger@example.com"), _genuineToken)).Refusal.Should().Contain("not a token of sender 'stranger@example.com'");
        _senders.Remove(CapSamples.Sender).Should().BeTrue();
        (await Post(CapSamples.Typhoon(), _genuineToken)).Refusal.Should().Contain("not a token", "a removed sender is refused at once");
        _trigger.Triggered.Should().BeEmpty();
    }

    [Fact]
    public async Task A_signed_alert_airs_without_a_token()
    {
        var result = await Post(CapSigning.Sign(CapSamples.Typhoon(), _genuineKey), null);

        result.Refusal.Should().BeNull();
        result.Decision!.Action.Should().Be(CapAction.Broadcast);
        _commune.Db.Open().ExecuteScalar<string>("SELECT auth FROM cap_alerts").Should().Be("signature");
    }

    [Fact]
    public async Task A_wrong_signature_is_refused_and_the_genuine_alert_still_airs()
    {
        var typhoon = CapSamples.Typhoon();
        var signedByOther = CapSigning.Sign(typhoon, _evilKey);
        var tampered = CapSigning.Sign(typhoon, _genuineKey).Replace("Tỉnh Nghệ An", "Tỉnh Hà Tĩnh", StringComparison.Ordinal);

        (await Post(signedByOther, null)).Refusal.Should().Contain("does not verify with the key registered");
        (await Post(tampered, null)).Refusal.Should().Contain("does not verify");
        (await Post(signedByOther, _genuineToken)).Refusal.Should().Contain("signature refused", "a good token does not excuse a bad signature");
        _trigger.Triggered.Should().BeEmpty();
        Refusals().Should().HaveCount(3);

        (await Post(CapSigning.Sign(typhoon, _genuineKey), null)).Decision!.Action.Should().Be(CapAction.Broadcast);
        _trigger.Triggered.Should().ContainSingle();
    }

    [Fact]
    public async Task A_second_signature_element_is_refused()
    {
        var signed = CapSigning.Sign(CapSamples.Typhoon(), _genuineKey);
        var signature = signed[signed.IndexOf("<Signature", StringComparison.Ordinal)..signed.LastIndexOf("</alert>", StringComparison.Ordinal)];
        var wrapped = signed.Replace("</alert>", signature + "</alert>", StringComparison.Ordinal);

        (await Post(wrapped, null)).Refusal.Should().Contain("exactly one ds:Signature, found 2");
    }

    [Fact]
    public async Task The_folder_takes_signed_files_and_without_a_binding_refuses_unsigned_ones()
    {
        var inbox = Path.Combine(_commune.Dir.Path, "cap-inbox");
        Directory.CreateDirectory(inbox);
        _options.WatchDirectory = inbox;
        var watcher = new CapFolderWatcher(_intake, Microsoft.Extensions.Options.Options.Create(_options), _commune.Dir.Time, NullLogger<CapFolderWatcher>.Instance);
        await File.WriteAllTextAsync(Path.Combine(inbox, "a-unsigned.xml"), CapSamples.Typhoon());
        await File.WriteAllTextAsync(Path.Combine(inbox, "b-wrong-key.xml"), CapSigning.Sign(CapSamples.Flood(), _evilKey));

        (await watcher.ScanOnceAsync(CancellationToken.None)).Should().Be(2);
        var errors = Directory.GetFiles(Path.Combine(inbox, "failed"), "*.error.txt").Select(File.ReadAllText).ToList();
        errors.Should().HaveCount(2).And.Contain(e => e.Contains("must sign the alert")).And.Contain(e => e.Contains("does not verify"));

        await File.WriteAllTextAsync(Path.Combine(inbox, "c-signed.xml"), CapSigning.Sign(CapSamples.Typhoon(), _genuineKey));
        await watcher.ScanOnceAsync(CancellationToken.None);
        Directory.GetFiles(Path.Combine(inbox, "processed")).Should().ContainSingle().Which.Should().EndWith("-c-signed.xml");
        _trigger.Triggered.Should().ContainSingle();
    }

    [Fact]
    public async Task A_folder_bound_to_a_sender_takes_its_unsigned_files_only()
    {
        var inbox = Path.Combine(_commune.Dir.Path, "cap-inbox");
        Directory.CreateDirectory(inbox);
        _options.WatchDirectory = inbox;
        _options.FolderSender = CapSamples.Sender;
        var watcher = new CapFolderWatcher(_intake, Microsoft.Extensions.Options.Options.Create(_options), _commune.Dir.Time, NullLogger<CapFolderWatcher>.Instance);
        await File.WriteAllTextAsync(Path.Combine(inbox, "evil.xml"), CapSamples.AsSender(CapSamples.Typhoon(), Evil));

        await watcher.ScanOnceAsync(CancellationToken.None);

        File.ReadAllText(Directory.GetFiles(Path.Combine(inbox, "failed"), "*.error.txt").Single()).Should().Contain($"accepts unsigned alerts from '{CapSamples.Sender}' only");
        await File.WriteAllTextAsync(Path.Combine(inbox, "genuine.xml"), CapSamples.Typhoon());
        await watcher.ScanOnceAsync(CancellationToken.None);
        _trigger.Triggered.Should().ContainSingle();
        _commune.Db.Open().ExecuteScalar<string>("SELECT auth FROM cap_alerts").Should().Be("folder");
    }

    [Fact]
    public void Tokens_are_stored_hashed_and_private_keys_and_short_keys_are_refused()
    {
        var stored = _senders.Find(CapSamples.Sender)!;
        stored.TokenHash.Should().StartWith("$7$").And.NotContain(_genuineToken);
        stored.KeySha256.Should().HaveLength(64);

        using var weak = RSA.Create(1024);
        var act = () => _senders.Add("other@example.com", withToken: false, key: CapSigning.Bytes(_genuineKey.ExportPkcs8PrivateKeyPem()), note: null);
        act.Should().Throw<InvalidOperationException>().WithMessage("*khoá bí mật*");
        var shortKey = () => _senders.Add("other@example.com", withToken: false, key: CapSigning.Bytes(weak.ExportSubjectPublicKeyInfoPem()), note: null);
        shortKey.Should().Throw<InvalidOperationException>().WithMessage("*ngắn*");
        var nothing = () => _senders.Add("other@example.com", withToken: false, key: null, note: null);
        nothing.Should().Throw<InvalidOperationException>().WithMessage("*--token*");
        var again = () => _senders.Add(CapSamples.Sender, withToken: true, key: null, note: null);
        again.Should().Throw<InvalidOperationException>().WithMessage("*đã được đăng ký*");
    }
}
