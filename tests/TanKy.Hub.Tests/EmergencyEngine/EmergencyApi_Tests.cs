using System.Net;
using System.Net.Http.Json;
using TanKy.Hub.Emergency;
using TanKy.Hub.Broadcasts;
using TanKy.Hub.Broadcasts.Arbitration;
using TanKy.Protocol;

namespace TanKy.Hub.Tests.EmergencyEngine;

/// <summary><c>/api/v1/emergency</c> on the real hub: zone scope, audit, the engine behind it, cancel.</summary>
public sealed class EmergencyApi_Tests : IAsyncLifetime
{
    private EmergencyHub _hub = null!;

    public async Task InitializeAsync() => _hub = await EmergencyHub.StartAsync();

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task A_hamlet_head_gets_403_for_another_hamlet_and_the_attempt_is_audited_with_the_address()
    {
        using var head = _hub.Client("truong-khoi-1");
        using var officer = _hub.Client("van-hoa");

        var response = await head.PostAsJsonAsync("/api/v1/emergency", new { zones = new[] { "khoi-1", "xom-3" }, media = "tin-1s" });

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await EmergencyHub.JsonAsync(response)).GetProperty("detail").GetString().Should().Contain("xom-3");
        _hub.Broadcasts.List(10).Should().BeEmpty("nothing may air");
        var refused = _hub.Hub.Get<TriggerAudit>().Query(new TriggerAuditQuery(Allowed: false));
        refused.Should().ContainSingle();
        refused[0].Actor.Should().Be("truong-khoi-1");
        refused[0].Remote.Should().Be("127.0.0.1");
        refused[0].Zones.Should().Contain("xom-3");
        var audit = await EmergencyHub.JsonAsync(await officer.GetAsync("/api/v1/emergency/audit?outcome=refused"));
        audit.GetArrayLength().Should().Be(1);
        (await head.GetAsync("/api/v1/emergency/audit")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_hamlet_head_reaches_their_own_hamlet_with_siren_then_message_repeated_and_can_cancel()
    {
        using var head = _hub.Client("truong-khoi-1");

        var response = await head.PostAsJsonAsync("/api/v1/emergency", new { zones = new[] { "khoi-1" }, media = "tin-1s", siren = "coi-hu", repeat = 2, interval = 1 });

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var id = (await EmergencyHub.JsonAsync(response)).GetProperty("id").GetString()!;
        var record = _hub.Broadcasts.Get(id)!;
        record.Class.Should().Be("emergency");
        record.Zones.Should().Equal("khoi-1");
        record.Status.Should().Be(BroadcastStatus.Playing);
        _hub.Hub.Get<TriggerAudit>().Query(new TriggerAuditQuery(Allowed: true)).Should().ContainSingle(e => e.BroadcastId == id && e.Remote == "127.0.0.1");

        (await head.DeleteAsync("/api/v1/emergency/" + id)).StatusCode.Should().Be(HttpStatusCode.OK);
        _hub.Broadcasts.Get(id)!.Status.Should().Be(BroadcastStatus.Cancelled);
        (await head.DeleteAsync("/api/v1/emergency/" + id)).StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData(null, "Yêu cầu phát khẩn cấp không đúng", "Số lần lặp phải từ 1 đến 20.", "Không có quyền phát khẩn cấp tới khu vực này", "Bản tin đã kết thúc", "Khẩn cấp: bản tin tin-1s", "huỷ bản tin ")]
    [InlineData("en", "Invalid emergency request", "repeat must be 1–20", "Emergency refused", "Broadcast already ended", "Emergency: media tin-1s", "cancel ")]
    public async Task Problems_and_the_audit_speak_Vietnamese_by_default_and_English_when_asked(string? language, string invalid, string repeat, string refused, string ended, string what, string cancel)
    {
        using var head = _hub.Client("truong-khoi-1");
        using var officer = _hub.Client("van-hoa");
        if (language is not null)
        {
            head.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
            officer.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }

        var bad = await EmergencyHub.JsonAsync(await head.PostAsJsonAsync("/api/v1/emergency", new { zones = new[] { "khoi-1" }, media = "tin-1s", repeat = 50 }));
        var outside = await EmergencyHub.JsonAsync(await head.PostAsJsonAsync("/api/v1/emergency", new { zones = new[] { "xom-3" }, media = "tin-1s" }));
        var started = await head.PostAsJsonAsync("/api/v1/emergency", new { zones = new[] { "khoi-1" }, media = "tin-1s" });
        var id = (await EmergencyHub.JsonAsync(started)).GetProperty("id").GetString()!;
        (await head.DeleteAsync("/api/v1/emergency/" + id)).StatusCode.Should().Be(HttpStatusCode.OK);
        var again = await EmergencyHub.JsonAsync(await head.DeleteAsync("/api/v1/emergency/" + id));
        var audit = await EmergencyHub.JsonAsync(await officer.GetAsync("/api/v1/emergency/audit"));

        (bad.GetProperty("title").GetString(), bad.GetProperty("detail").GetString()).Should().Be((invalid, repeat));
        outside.GetProperty("title").GetString().Should().Be(refused);
        outside.GetProperty("detail").GetString().Should().Contain("xom-3");
        again.GetProperty("title").GetString().Should().Be(ended);
        var whats = audit.EnumerateArray().Select(e => e.GetProperty("what").GetString()!).ToList();
        whats.Should().Contain(what).And.Contain(w => w.StartsWith(cancel + id, StringComparison.Ordinal));
        whats.Should().NotContain(w => w.StartsWith("api2.", StringComparison.Ordinal) || w.StartsWith("emergency:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{\"zones\":[\"khoi-1\"]}", "give exactly one of media, text or a recording (file)")]
    [InlineData("{\"zones\":[\"khoi-1\"],\"media\":\"tin-1s\",\"text\":\"Lũ\"}", "give exactly one of media, text or a recording (file)")]
    [InlineData("{\"zones\":[],\"media\":\"tin-1s\"}", "zones are required")]
    [InlineData("{\"zones\":[\"khoi-1\"],\"media\":\"tin-1s\",\"repeat\":50}", "repeat must be 1–20")]
    [InlineData("{\"zones\":[\"khoi-1\"],\"media\":\"khong-co\"}", "unknown media 'khong-co'")]
    public async Task Invalid_requests_get_400_with_the_reason(string json, string reason)
    {
        using var officer = _hub.Client("van-hoa");
        officer.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var response = await officer.PostAsync("/api/v1/emergency", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await EmergencyHub.JsonAsync(response)).GetProperty("detail").GetString().Should().Be(reason);
    }

    [Fact]
    public async Task An_emergency_preempts_a_normal_broadcast_which_resumes_afterwards()
    {
        using var officer = _hub.Client("van-hoa");
        var normal = await _hub.Broadcasts.PlayAsync(new BroadcastRequest("tin-10s", BulletinClass.Normal, ["khoi-1"], "schedule", "schedule", Policy: PreemptionPolicy.Resume));

        var response = await officer.PostAsJsonAsync("/api/v1/emergency", new { zones = new[] { "khoi-1" }, media = "tin-1s" });
        var id = (await EmergencyHub.JsonAsync(response)).GetProperty("id").GetString()!;

        _hub.Broadcasts.Get(normal.BroadcastId)!.Status.Should().Be(BroadcastStatus.Preempted);
        await EmergencyHub.EventuallyAsync(() => _hub.Broadcasts.Get(id)!.Status == BroadcastStatus.Finished, "the emergency to finish");
        await EmergencyHub.EventuallyAsync(() => _hub.Broadcasts.Get(normal.BroadcastId)!.Status == BroadcastStatus.Playing, "the programme to resume");
        var kinds = _hub.Broadcasts.Decisions(normal.BroadcastId).Select(d => d.Kind).ToList();
        kinds.Should().StartWith([DecisionKind.Aired, DecisionKind.Preempted]);
        kinds.Skip(2).Should().ContainSingle().Which.Should().BeOneOf(DecisionKind.Resumed, DecisionKind.Restarted);
        await _hub.Broadcasts.StopAsync(normal.BroadcastId, "test");
    }

    [Fact]
    public async Task Of_two_emergencies_the_latest_wins()
    {
        using var officer = _hub.Client("van-hoa");
        var first = (await EmergencyHub.JsonAsync(await officer.PostAsJsonAsync("/api/v1/emergency", new { zones = new[] { "khoi-1", "xom-3" }, media = "tin-10s" }))).GetProperty("id").GetString()!;

        var second = (await EmergencyHub.JsonAsync(await officer.PostAsJsonAsync("/api/v1/emergency", new { zones = new[] { "khoi-1" }, media = "tin-10s" }))).GetProperty("id").GetString()!;

        _hub.Broadcasts.InspectZone("khoi-1").Playing.Should().Be(second);
        _hub.Broadcasts.InspectZone("xom-3").Playing.Should().Be(first, "the first keeps the zones the second does not take");
        await _hub.Broadcasts.StopAsync(first, "test");
        await _hub.Broadcasts.StopAsync(second, "test");
    }
}
