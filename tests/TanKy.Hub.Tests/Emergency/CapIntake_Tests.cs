using Microsoft.Extensions.Logging.Abstractions;
using TanKy.Hub.Emergency;
using TanKy.Hub.Emergency.Cap;
using TanKy.Hub.Shared.Text;
using TanKy.Protocol;

namespace TanKy.Hub.Tests.Emergency;

public sealed class CapIntake_Tests : IDisposable
{
    private readonly CapSubmission _http;
    private readonly CommuneFixture _commune = new();
    private readonly RecordingEmergencyTrigger _trigger = new();
    private readonly CapOptions _options = new() { Geocodes = CommuneFixture.Geocodes, SirenMediaId = "coi-hu", Repeat = 2 };
    private readonly CapAlertStore _store;
    private readonly CapIntakeService _intake;

    public CapIntake_Tests()
    {
        var dir = _commune.Dir;
        _store = new CapAlertStore(dir.Db, dir.Time);
        var senders = new CapSenderStore(dir.Db, dir.Time);
        _http = new CapSubmission("http", "van-hoa", "10.0.0.5", "officer", SenderToken: senders.Add(CapSamples.Sender, withToken: true, key: null, note: null));
        _options.FolderSender = CapSamples.Sender;
        _intake = new CapIntakeService(_store, new CapSenderAuthenticator(senders), _trigger, new TriggerAudit(dir.Db, dir.Time), dir.Zones, dir.Devices,
            Microsoft.Extensions.Options.Options.Create(_options), dir.Time, NullLogger<CapIntakeService>.Instance);
    }

    public void Dispose() => _commune.Dispose();

    private Task<CapIntakeResult> Submit(string xml) => _intake.SubmitAsync(CapSamples.Bytes(xml), _http, CancellationToken.None);

    [Fact]
    public async Task A_typhoon_warning_starts_one_emergency_to_every_hamlet_and_is_stored()
    {
        var result = await Submit(CapSamples.Typhoon());

        result.BroadcastId.Should().Be("b-1");
        var request = _trigger.Triggered.Should().ContainSingle().Subject.Request;
        request.Should().Match<EmergencyRequest>(r => r.Class == BulletinClass.Emergency && r.Zones.Count == 12 && r.Repeat == 2 && r.Channel == TriggerChannel.Cap);
        request.MediaIds.Should().Equal("coi-hu");
        request.SpeechText.Should().StartWith("Bão số 3 đổ bộ vào Nghệ An");
        request.Headline.Should().Be("Bão số 3 đổ bộ vào Nghệ An, đề nghị bà con sơ tán khẩn cấp");
        request.Expires.Should().Be(new DateTimeOffset(2026, 11, 29, 18, 0, 0, TimeSpan.FromHours(7)));
        request.SourceRef.Should().Be($"{CapSamples.Sender},KTTV-BTB-2026-0315,2026-11-28T05:55:00+07:00");
        _store.Find(CapSamples.Sender, "KTTV-BTB-2026-0315").Should().Match<CapAlertRecord>(r => r.Action == "broadcast" && r.BroadcastId == "b-1" && r.Class == "emergency" && r.Status == "Actual");
    }

    [Fact]
    public async Task The_same_identifier_again_is_ignored_and_plays_nothing()
    {
        await Submit(CapSamples.Typhoon());

        var again = await Submit(CapSamples.Typhoon());

        again.Decision!.Action.Should().Be(CapAction.Ignore);
        _trigger.Triggered.Should().ContainSingle();
        _store.Recent().Should().ContainSingle();
    }

    [Fact]
    public async Task Update_replaces_and_cancel_stops_the_replacement_too()
    {
        await Submit(CapSamples.Flood());
        var update = await Submit(CapSamples.FloodUpdate());
        update.BroadcastId.Should().Be("b-2");
        update.CancelledBroadcasts.Should().Equal("b-1");

        var cancel = await Submit(CapSamples.Cancel("PCTT-TK-2026-043", "PCTT-TK-2026-041"));

        cancel.Decision!.Action.Should().Be(CapAction.Cancel);
        cancel.CancelledBroadcasts.Should().Equal("b-2");
        _trigger.Cancelled.Select(c => c.Id).Should().Equal("b-1", "b-2");
        _store.Find(CapSamples.Sender, "PCTT-TK-2026-041")!.EndedAt.Should().NotBeNull();
        _store.Find(CapSamples.Sender, "PCTT-TK-2026-042")!.EndedAt.Should().NotBeNull();
        (await Submit(CapSamples.Cancel("PCTT-TK-2026-044", "PCTT-TK-2026-041"))).CancelledBroadcasts.Should().BeEmpty();
    }

    [Fact]
    public async Task A_test_alert_is_recorded_and_plays_nothing()
    {
        var result = await Submit(CapSamples.Typhoon(id: "KTTV-TEST-1", status: "Test"));

        result.Decision!.Action.Should().Be(CapAction.RecordOnly);
        _trigger.Triggered.Should().BeEmpty();
        _store.Find(CapSamples.Sender, "KTTV-TEST-1")!.Action.Should().Be("record-only");
    }

    [Fact]
    public async Task Malformed_messages_are_rejected_and_not_stored()
    {
        var result = await Submit("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>x</identifier></alert>");

        result.Malformed.Should().BeTrue();
        result.Errors.Should().Contain(e => e.StartsWith("alert/sender", StringComparison.Ordinal));
        _store.Recent().Should().BeEmpty();
    }

    [Fact]
    public async Task An_engine_failure_is_recorded_and_the_same_alert_may_be_retried()
    {
        _trigger.Fail = true;
        var failure = (await Submit(CapSamples.Flood())).Failure;
        HubText.Default.Render(failure, "en").Should().Be("Could not broadcast: an error in the hub (details in the hub log).");
        failure.Should().NotContain("engine down", "the exception's words are for the log");
        _store.Find(CapSamples.Sender, "PCTT-TK-2026-041")!.Action.Should().Be("failed");

        _trigger.Fail = false;
        (await Submit(CapSamples.Flood())).BroadcastId.Should().Be("b-1");
        _store.Find(CapSamples.Sender, "PCTT-TK-2026-041")!.Action.Should().Be("broadcast");
    }

    [Fact]
    public async Task An_engine_failure_is_said_in_Vietnamese_in_the_list_and_the_audit_and_its_exception_stays_in_the_log()
    {
        _trigger.Fail = true;

        await Submit(CapSamples.Flood());

        var why = _store.Find(CapSamples.Sender, "PCTT-TK-2026-041")!.Why!;
        why.Args.Should().BeEmpty("the exception's words are not shown");
        var listed = HubText.Default.Format("cap.why." + why.Key, "vi");
        Text.FailureReasons_Tests.ShouldBeVietnamese(listed);
        listed.Should().NotContain("engine down");
        HubText.Default.Format("cap.why." + why.Key, "en").Should().Be("Could not broadcast: an error in the hub (details in the hub log).");
        using var c = _commune.Dir.Db.Open();
        var audited = Dapper.SqlMapper.ExecuteScalar<string>(c, "SELECT reason FROM emergency_audit ORDER BY id DESC LIMIT 1")!;
        Text.FailureReasons_Tests.ShouldBeVietnamese(HubText.Default.Render(audited, "vi"));
        audited.Should().NotContain("engine down");
    }

    [Fact]
    public async Task The_watched_folder_moves_files_to_processed_or_failed_with_the_reason()
    {
        var inbox = Path.Combine(_commune.Dir.Path, "cap-inbox");
        Directory.CreateDirectory(inbox);
        _options.WatchDirectory = inbox;
        var watcher = new CapFolderWatcher(_intake, Microsoft.Extensions.Options.Options.Create(_options), _commune.Dir.Time, NullLogger<CapFolderWatcher>.Instance);
        await File.WriteAllTextAsync(Path.Combine(inbox, "bao-so-3.xml"), CapSamples.Typhoon());
        await File.WriteAllTextAsync(Path.Combine(inbox, "hong.xml"), CapSamples.Typhoon().Replace("<urgency>Expected</urgency>", "<urgency>Soon</urgency>"));
        await File.WriteAllTextAsync(Path.Combine(inbox, "ghi-chu.txt"), "not an alert");

        (await watcher.ScanOnceAsync(CancellationToken.None)).Should().Be(2);

        Directory.GetFiles(Path.Combine(inbox, "processed")).Should().ContainSingle().Which.Should().EndWith("-bao-so-3.xml");
        var failed = Directory.GetFiles(Path.Combine(inbox, "failed")).Order().ToList();
        failed.Should().HaveCount(2);
        failed[0].Should().EndWith("-hong.xml");
        (await File.ReadAllTextAsync(failed[1])).Should().Contain("'Soon' is not one of");
        File.Exists(Path.Combine(inbox, "ghi-chu.txt")).Should().BeTrue();
        _trigger.Triggered.Should().ContainSingle();
    }
}
