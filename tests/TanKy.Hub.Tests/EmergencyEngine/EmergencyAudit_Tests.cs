using TanKy.Hub.Shared.Text;
using System.CommandLine;
using System.Device.Gpio;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using TanKy.Hub.Broadcasts;
using TanKy.Hub.Emergency;
using TanKy.Hub.Gateway.Hardware;
using TanKy.Hub.Shared.Cli;
using TanKy.Hub.Tests.Emergency;

namespace TanKy.Hub.Tests.EmergencyEngine;

/// <summary>
/// Issue #14, audit: every emergency (and priority) start, stop, cancel and refusal is one complete
/// row of <c>emergency_audit</c> — actor, role, channel name, action, class, zones, broadcast id,
/// reason — on every path of the real hub: the broadcasts API, the emergency API, the CLI, CAP and
/// the gateway button. The console path is in TanKy.Web.Tests (EmergencyConsoleAudit_Tests).
/// </summary>
public sealed partial class EmergencyAudit_Tests : IAsyncLifetime
{
    private const int ButtonPin = 17;
    private EmergencyHub _hub = null!;

    public async Task InitializeAsync() => _hub = await EmergencyHub.StartAsync(new Dictionary<string, string>
    {
        ["Gateway:Hardware:Enabled"] = "true",
        ["Gateway:Hardware:ChipPath"] = "/nonexistent/gpiochip-test",
        ["Gateway:Hardware:Button:Enabled"] = "true",
        ["Gateway:Hardware:Button:HoldTime"] = "00:00:00.5",
        ["Gateway:Hardware:Button:Debounce"] = "00:00:00.02",
        ["Gateway:Hardware:Button:Zones:0"] = "khoi-1",
        ["Gateway:Hardware:Button:SirenMediaId"] = "coi-hu",
        ["Gateway:Hardware:Button:MessageMediaId"] = "tin-1s",
        ["Alerts:Cap:SirenMediaId"] = "coi-hu",
        ["Alerts:Cap:SynthesizeSpeech"] = "false",
        ["Alerts:Cap:Repeat"] = "1",
        ["Alerts:Cap:Geocodes:0:ValueName"] = "ISO3166-2",
        ["Alerts:Cap:Geocodes:0:Value"] = "VN-22",
        ["Alerts:Cap:Geocodes:0:Zones:0"] = "*",
    });

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private TriggerAudit Audit => _hub.Hub.Get<TriggerAudit>();

    private IReadOnlyList<TriggerAuditEntry> Rows() => Audit.Query(new TriggerAuditQuery()).Reverse().ToList();

    [Fact]
    public async Task An_emergency_over_the_broadcasts_API_its_stop_and_a_refused_attempt_each_write_one_complete_row()
    {
        using var officer = _hub.Client("van-hoa");
        using var head = _hub.Client("truong-khoi-1");

        var start = await officer.PostAsJsonAsync("/api/v1/broadcasts", new { zones = new[] { "khoi-1", "xom-3" }, media = "tin-10s", @class = "emergency" });
        start.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var id = (await EmergencyHub.JsonAsync(start)).GetProperty("id").GetString()!;
        var stop = await officer.DeleteAsync("/api/v1/broadcasts/" + id);
        stop.StatusCode.Should().Be(HttpStatusCode.OK);
        var refused = await head.PostAsJsonAsync("/api/v1/broadcasts", new { zones = new[] { "xom-3" }, media = "tin-1s", @class = "emergency" });
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var rows = Rows();
        rows.Should().HaveCount(3, "one row per start, stop and refusal");
        Complete(rows[0], "van-hoa", "officer", TriggerChannel.Api, TriggerAction.Start, true, ["khoi-1", "xom-3"], id);
        HubText.Default.Render(rows[0].What, "en").Should().Be("Emergency: media tin-10s");
        HubText.Default.Render(rows[0].What, "vi").Should().Be("Khẩn cấp: bản tin tin-10s");
        Complete(rows[1], "van-hoa", "officer", TriggerChannel.Api, TriggerAction.Stop, true, ["khoi-1", "xom-3"], id);
        Complete(rows[2], "truong-khoi-1", "hamlet-head", TriggerChannel.Api, TriggerAction.Start, false, ["xom-3"], null);
        rows[2].Reason.Should().Contain("xom-3");
        (await EmergencyHub.JsonAsync(refused)).GetProperty("audit").GetInt64().Should().Be(rows[2].Id, "a 403 names the row it wrote");
        (await EmergencyHub.JsonAsync(stop)).GetProperty("audit").GetInt64().Should().Be(rows[1].Id);
    }

    [Fact]
    public async Task Priority_starts_and_stops_are_audited_normal_broadcasts_are_not_and_a_refused_stop_names_its_row()
    {
        using var officer = _hub.Client("van-hoa");
        using var head = _hub.Client("truong-khoi-1");

        var normal = (await EmergencyHub.JsonAsync(await officer.PostAsJsonAsync("/api/v1/broadcasts", new { zones = new[] { "xom-3" }, media = "tin-10s" }))).GetProperty("id").GetString()!;
        (await officer.DeleteAsync("/api/v1/broadcasts/" + normal)).StatusCode.Should().Be(HttpStatusCode.OK);
        var priority = (await EmergencyHub.JsonAsync(await officer.PostAsJsonAsync("/api/v1/broadcasts", new { zones = new[] { "xom-3" }, media = "tin-10s", @class = "priority" }))).GetProperty("id").GetString()!;
        var headStop = await head.DeleteAsync("/api/v1/broadcasts/" + priority);
        (await officer.DeleteAsync("/api/v1/broadcasts/" + priority)).StatusCode.Should().Be(HttpStatusCode.OK);

        headStop.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var rows = Rows();
        rows.Select(r => (r.Actor, r.Action, r.Allowed)).Should().Equal(
            ("van-hoa", TriggerAction.Start, true), ("truong-khoi-1", TriggerAction.Stop, false), ("van-hoa", TriggerAction.Stop, true));
        rows.Should().OnlyContain(r => r.Class == "priority" && r.BroadcastId == priority && r.Zones.SequenceEqual(new[] { "xom-3" }));
        (await EmergencyHub.JsonAsync(headStop)).GetProperty("audit").GetInt64().Should().Be(rows[1].Id);
    }

    [Fact]
    public async Task The_emergency_API_audits_its_refusal_with_the_media_asked_for_and_its_cancel_and_a_refused_cancel_carry_their_row()
    {
        using var officer = _hub.Client("van-hoa");
        using var head = _hub.Client("truong-khoi-1");

        var refused = await head.PostAsJsonAsync("/api/v1/emergency", new { zones = new[] { "xom-3" }, media = "tin-1s", siren = "coi-hu" });
        var id = (await EmergencyHub.JsonAsync(await officer.PostAsJsonAsync("/api/v1/emergency", new { zones = new[] { "xom-3" }, media = "tin-10s" }))).GetProperty("id").GetString()!;
        var refusedCancel = await head.DeleteAsync("/api/v1/emergency/" + id);
        var cancel = await officer.DeleteAsync("/api/v1/emergency/" + id);

        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        refusedCancel.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        cancel.StatusCode.Should().Be(HttpStatusCode.OK);
        var rows = Rows();
        rows.Should().HaveCount(4);
        Complete(rows[0], "truong-khoi-1", "hamlet-head", TriggerChannel.Api, TriggerAction.Start, false, ["xom-3"], null);
        HubText.Default.Render(rows[0].What, "en").Should().Be("Emergency: media coi-hu+tin-1s", "a refused row names the clips it was asked for");
        Complete(rows[1], "van-hoa", "officer", TriggerChannel.Api, TriggerAction.Start, true, ["xom-3"], id);
        Complete(rows[2], "truong-khoi-1", "hamlet-head", TriggerChannel.Api, TriggerAction.Cancel, false, ["xom-3"], id);
        Complete(rows[3], "van-hoa", "officer", TriggerChannel.Api, TriggerAction.Cancel, true, ["xom-3"], id);
        (await EmergencyHub.JsonAsync(refused)).GetProperty("audit").GetInt64().Should().Be(rows[0].Id);
        (await EmergencyHub.JsonAsync(refusedCancel)).GetProperty("audit").GetInt64().Should().Be(rows[2].Id, "it was null before #14");
    }

    [Fact]
    public async Task The_audit_API_returns_channel_action_and_class_as_names()
    {
        using var officer = _hub.Client("van-hoa");
        (await officer.PostAsJsonAsync("/api/v1/emergency", new { zones = new[] { "khoi-1" }, media = "tin-1s", @class = "priority" })).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var row = (await EmergencyHub.JsonAsync(await officer.GetAsync("/api/v1/emergency/audit")))[0];

        row.GetProperty("channel").ValueKind.Should().Be(JsonValueKind.String);
        row.GetProperty("channel").GetString().Should().Be("api");
        row.GetProperty("action").GetString().Should().Be("start");
        row.GetProperty("class").GetString().Should().Be("priority");
        row.GetProperty("role").GetString().Should().Be("officer");
        row.GetProperty("zones").EnumerateArray().Select(z => z.GetString()).Should().Equal("khoi-1");
        row.GetProperty("broadcastId").GetString().Should().StartWith("bc-");
    }

    [Fact]
    public async Task The_CLI_path_is_named_cli_for_play_stop_emergency_cancel_and_a_refusal()
    {
        var tokens = new TanKy.Hub.Accounts.TokenService(_hub.Dir.Db, new TanKy.Hub.Accounts.UserStore(_hub.Dir.Db, TimeProvider.System), TimeProvider.System);
        var officer = tokens.Create("van-hoa");
        var head = tokens.Create("truong-khoi-1");

        var play = await CliAsync("broadcast", "play", "--zones", "khoi-1", "--media", "tin-10s", "--class", "emergency", "--token", officer);
        var played = BroadcastId().Match(play.Output).Value;
        var stop = await CliAsync("broadcast", "stop", played, "--token", officer);
        var emergency = await CliAsync("broadcast", "emergency", "--zones", "xom-3", "--media", "tin-10s", "--token", officer);
        var started = BroadcastId().Match(emergency.Output).Value;
        var cancel = await CliAsync("broadcast", "cancel", started, "--token", officer);
        var refused = await CliAsync("broadcast", "emergency", "--zones", "xom-3", "--media", "tin-1s", "--token", head);

        new[] { play.Code, stop.Code, emergency.Code, cancel.Code }.Should().AllBeEquivalentTo(0, play.Error + stop.Error + emergency.Error + cancel.Error);
        refused.Code.Should().Be(1);
        var rows = Rows();
        rows.Should().HaveCount(5);
        Complete(rows[0], "van-hoa", "officer", TriggerChannel.Cli, TriggerAction.Start, true, ["khoi-1"], played);
        Complete(rows[1], "van-hoa", "officer", TriggerChannel.Cli, TriggerAction.Stop, true, ["khoi-1"], played);
        Complete(rows[2], "van-hoa", "officer", TriggerChannel.Cli, TriggerAction.Start, true, ["xom-3"], started);
        Complete(rows[3], "van-hoa", "officer", TriggerChannel.Cli, TriggerAction.Cancel, true, ["xom-3"], started);
        Complete(rows[4], "truong-khoi-1", "hamlet-head", TriggerChannel.Cli, TriggerAction.Start, false, ["xom-3"], null);
    }

    [Fact]
    public async Task A_CAP_alert_its_cancel_and_a_refused_submission_each_write_a_complete_row_with_the_submitters_role()
    {
        using var officer = _hub.Client("van-hoa");
        using var head = _hub.Client("truong-khoi-1");
        var senderToken = _hub.Hub.Get<TanKy.Hub.Emergency.Cap.CapSenderStore>().Add(CapSamples.Sender, withToken: true, key: null, note: null);
        officer.DefaultRequestHeaders.Add(TanKy.Hub.Emergency.Cap.CapEndpoints.SenderTokenHeader, senderToken);
        var now = _hub.Hub.Get<TimeProvider>().GetUtcNow();
        var sent = CapSamples.Time(now - TimeSpan.FromMinutes(5));
        var typhoon = CapSamples.Typhoon(sent: sent, expires: CapSamples.Time(now + TimeSpan.FromHours(36)));

        (await officer.PostAsync("/api/v1/cap", Cap(typhoon))).StatusCode.Should().Be(HttpStatusCode.OK);
        var id = _hub.Broadcasts.List(5).Should().ContainSingle().Subject.Id;
        (await officer.PostAsync("/api/v1/cap", Cap(CapSamples.CancelSentAt(sent, "KTTV-BTB-2026-0316", "KTTV-BTB-2026-0315")))).StatusCode.Should().Be(HttpStatusCode.OK);
        var refused = await head.PostAsync("/api/v1/cap", Cap(typhoon));

        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var rows = Rows();
        rows.Should().HaveCount(3);
        Complete(rows[0], "van-hoa", "officer", TriggerChannel.Cap, TriggerAction.Start, true, ["khoi-1", "xom-3"], id, ignoreZoneOrder: true);
        HubText.Default.Render(rows[0].What, "en").Should().Contain("KTTV-BTB-2026-0315").And.Contain("media coi-hu");
        Complete(rows[1], "van-hoa", "officer", TriggerChannel.Cap, TriggerAction.Cancel, true, ["khoi-1", "xom-3"], id, ignoreZoneOrder: true);
        rows[2].Should().Match<TriggerAuditEntry>(r => r.Actor == "truong-khoi-1" && r.Role == "hamlet-head" && !r.Allowed && r.Reason != null && r.Channel == TriggerChannel.Cap);
        (await EmergencyHub.JsonAsync(refused)).GetProperty("audit").GetInt64().Should().Be(rows[2].Id);
    }

    [Fact]
    public async Task A_long_press_of_the_button_writes_one_complete_row_with_the_system_role()
    {
        var pins = _hub.Hub.Get<GatewayGpio>().Simulated!;
        pins.SetInput(ButtonPin, PinValue.Low);
        await EmergencyHub.EventuallyAsync(() => _hub.Broadcasts.List(5).Count > 0, "the button's broadcast");
        pins.SetInput(ButtonPin, PinValue.High);

        // The broadcast is listed a moment before the button's task attaches its id to the row.
        await EmergencyHub.EventuallyAsync(() => Rows().Any(r => r.BroadcastId is not null), "the row to name the broadcast");

        var id = _hub.Broadcasts.List(5).Single().Id;
        var row = Rows().Should().ContainSingle().Subject;
        Complete(row, EmergencyButton.Actor, TriggerAudit.SystemRole, TriggerChannel.Button, TriggerAction.Start, true, ["khoi-1"], id);
        row.Remote.Should().Be("gpio17");
        HubText.Default.Render(row.What, "en").Should().Be("Emergency: media coi-hu+tin-1s");
    }

    /// <summary>Every field a row must carry; a refused start has no broadcast, every other row names one.</summary>
    private static void Complete(TriggerAuditEntry row, string actor, string role, TriggerChannel channel, TriggerAction action, bool allowed, string[] zones, string? broadcastId, bool ignoreZoneOrder = false)
    {
        row.Actor.Should().Be(actor);
        row.Role.Should().Be(role);
        row.Channel.Should().Be(channel);
        row.Action.Should().Be(action);
        row.Allowed.Should().Be(allowed);
        row.Class.Should().BeOneOf("emergency", "priority");
        if (ignoreZoneOrder)
        {
            row.Zones.Should().BeEquivalentTo(zones);
        }
        else
        {
            row.Zones.Should().Equal(zones);
        }

        row.BroadcastId.Should().Be(broadcastId);
        row.Reason.Should().NotBeNullOrWhiteSpace();
        row.Remote.Should().NotBeNullOrWhiteSpace();
        row.What.Should().NotBeNullOrWhiteSpace();
    }

    private static StringContent Cap(string xml) => new(xml, System.Text.Encoding.UTF8, "application/cap+xml");

    private async Task<(int Code, string Output, string Error)> CliAsync(params string[] args)
    {
        var root = new RootCommand { CliOptions.DataDir };
        root.Subcommands.Add(TanKy.Hub.Cli.HubCli.Broadcast());
        using var output = new StringWriter();
        using var error = new StringWriter();
        var withHub = args.Concat(["--hub", _hub.Hub.Http.BaseAddress!.ToString()]).ToArray();
        var code = await root.Parse(withHub).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    [GeneratedRegex("bc-[0-9a-f]{12}")]
    private static partial Regex BroadcastId();
}
