using Microsoft.Extensions.Logging;
using TanKy.Hub.Emergency;
using TanKy.Hub.Emergency.Cap;
using TanKy.Hub.Tests.Archive;

namespace TanKy.Hub.Tests.Emergency;

/// <summary>
/// Issue #17, item 13, through the intake with the shipped commune file: an alert that matches
/// nothing is logged with why and stored with its reason as data for the console; a Cancel tells
/// the engine who stops (not a sentence, so no "stopped by cancelled by …").
/// </summary>
public sealed class CapIntakeWhy_Tests : IDisposable
{
    private readonly CommuneFixture _commune = new();
    private readonly RecordingEmergencyTrigger _trigger = new();
    private readonly ListLogger<CapIntakeService> _log = new();
    private readonly CapAlertStore _store;
    private readonly CapIntakeService _intake;
    private readonly CapSubmission _http;

    public CapIntakeWhy_Tests()
    {
        var dir = _commune.Dir;
        _store = new CapAlertStore(dir.Db, dir.Time);
        var senders = new CapSenderStore(dir.Db, dir.Time);
        _http = new CapSubmission("http", "van-hoa", "10.0.0.5", "officer", SenderToken: senders.Add(CapSamples.Sender, withToken: true, key: null, note: null));
        _intake = new CapIntakeService(_store, new CapSenderAuthenticator(senders), _trigger, new TriggerAudit(dir.Db, dir.Time), dir.Zones, dir.Devices,
            Microsoft.Extensions.Options.Options.Create(new CapOptions { SirenMediaId = "coi-hu", Repeat = 1 }), dir.Time, _log);
    }

    public void Dispose() => _commune.Dispose();

    private Task<CapIntakeResult> Submit(string xml) => _intake.SubmitAsync(CapSamples.Bytes(xml), _http, CancellationToken.None);

    [Fact]
    public async Task An_alert_for_another_commune_is_logged_and_stored_with_why()
    {
        var result = await Submit(CapAreaMatching_Tests.Area("xã Nghĩa Đồng, huyện Tân Kỳ, tỉnh Nghệ An"));

        result.Decision!.Action.Should().Be(CapAction.Ignore);
        _trigger.Triggered.Should().BeEmpty();
        _log.Lines.Should().Contain(l => l.Level == LogLevel.Warning && l.Message.Contains("matched no zone of this commune") && l.Message.Contains("'xã Nghĩa Đồng' is outside this commune"));
        var row = _store.Recent().Should().ContainSingle().Subject;
        row.Reason.Should().Be("no area matches a zone of this commune: area 1: 'xã Nghĩa Đồng' is outside this commune");
        row.Why.Should().NotBeNull();
        row.Why!.Key.Should().Be("no-zone");
        row.Why.Misses.Should().Equal(new CapAreaMiss(1, "other-place", "xã Nghĩa Đồng"));
    }

    [Fact]
    public async Task A_geocode_only_alert_plays_to_the_whole_commune_with_the_shipped_rules()
    {
        var result = await Submit(CapAreaMatching_Tests.Area("Vùng trũng", "VN-MaDVHC", "17380"));

        result.BroadcastId.Should().Be("b-1");
        _trigger.Triggered.Should().ContainSingle().Which.Request.Zones.Should().HaveCount(12);
        Shows(_store.Recent().Single().Why, "broadcast", "emergency", "12");
    }

    [Fact]
    public async Task A_cancel_names_the_cancelling_message_as_who_stopped_and_keeps_a_reason_for_the_console()
    {
        await Submit(CapSamples.Flood());

        var result = await Submit(CapSamples.Cancel("PCTT-TK-2026-043", "PCTT-TK-2026-041"));

        var (id, stoppedBy) = _trigger.Cancelled.Should().ContainSingle().Subject;
        id.Should().Be("b-1");
        stoppedBy.Should().Be("CAP PCTT-TK-2026-043");
        Shows(result.Decision!.Why, "cancel-stopped", "PCTT-TK-2026-041", "1");
        Shows(_store.Find(CapSamples.Sender, "PCTT-TK-2026-043")!.Why, "cancel-stopped", "PCTT-TK-2026-041", "1");
    }

    /// <summary>The reason the console words: its text key and arguments (records compare lists by reference, so each part is checked).</summary>
    private static void Shows(CapWhy? why, string key, params string[] args)
    {
        why.Should().NotBeNull();
        why!.Key.Should().Be(key);
        why.Args.Should().Equal(args);
        why.Misses.Should().BeEmpty();
    }
}
