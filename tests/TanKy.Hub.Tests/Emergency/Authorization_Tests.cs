using Microsoft.Extensions.Logging.Abstractions;
using TanKy.Hub.Accounts;
using TanKy.Hub.Emergency;
using TanKy.Hub.Tests.Support;
using TanKy.Protocol;

namespace TanKy.Hub.Tests.Emergency;

public sealed class Authorization_Tests : IDisposable
{
    private readonly TempDataDir _dir = new();
    private readonly RecordingEmergencyTrigger _trigger = new();
    private readonly TriggerAudit _audit;
    private readonly EmergencyGuard _guard;

    public Authorization_Tests()
    {
        _audit = new TriggerAudit(_dir.Db, _dir.Time);
        _guard = new EmergencyGuard(_trigger, _audit, NullLogger<EmergencyGuard>.Instance);
    }

    public void Dispose() => _dir.Dispose();

    private static User U(Role role, params string[] zones) => new(1, role.ToWire() + "-user", role, zones, DateTimeOffset.UnixEpoch, false);

    [Theory]
    [InlineData(Role.Admin, true)]
    [InlineData(Role.Officer, true)]
    [InlineData(Role.Technician, false)]
    [InlineData(Role.Viewer, false)]
    public void Roles_other_than_hamlet_head_reach_all_zones_or_none(Role role, bool allowed)
    {
        EmergencyAuthorizer.Authorize(U(role), ["khoi-1", "xom-6"]).Allowed.Should().Be(allowed);
    }

    [Fact]
    public void A_hamlet_head_reaches_only_their_own_zones()
    {
        var head = U(Role.HamletHead, "khoi-1", "khoi-2");

        EmergencyAuthorizer.Authorize(head, ["khoi-1"]).Allowed.Should().BeTrue();
        var refused = EmergencyAuthorizer.Authorize(head, ["khoi-2", "xom-3"]);
        refused.Allowed.Should().BeFalse();
        refused.RefusedZones.Should().Equal("xom-3");
        EmergencyAuthorizer.Authorize(head with { Disabled = true }, ["khoi-1"]).Allowed.Should().BeFalse();
        EmergencyAuthorizer.Authorize(head, []).Allowed.Should().BeFalse();
    }

    [Fact]
    public async Task A_hamlet_head_is_refused_for_another_hamlet_and_the_attempt_is_audited()
    {
        var head = U(Role.HamletHead, "khoi-1") with { Name = "truong-khoi-1" };

        var result = await _guard.TriggerAsync(head, Request(["xom-3"]), "10.8.0.23", CancellationToken.None);

        result.Allowed.Should().BeFalse();
        _trigger.Triggered.Should().BeEmpty();
        var entry = _audit.Query(new TriggerAuditQuery(Allowed: false)).Should().ContainSingle().Subject;
        entry.Should().Match<TriggerAuditEntry>(e =>
            e.Actor == "truong-khoi-1" && e.Role == "hamlet-head" && e.Remote == "10.8.0.23" && e.Zones.SequenceEqual(new[] { "xom-3" })
            && e.Reason!.Contains("xom-3") && e.At == _dir.Time.GetUtcNow() && e.What.Contains("Nước sông dâng cao"));
    }

    [Fact]
    public async Task An_allowed_trigger_is_audited_with_its_broadcast_and_the_query_filters()
    {
        var head = U(Role.HamletHead, "khoi-1") with { Name = "truong-khoi-1" };
        await _guard.TriggerAsync(head, Request(["khoi-1"]), "10.8.0.23", CancellationToken.None);
        _dir.Time.Advance(TimeSpan.FromMinutes(1));
        await _guard.TriggerAsync(U(Role.Officer) with { Name = "van-hoa" }, Request(["xom-3", "xom-4"]), "127.0.0.1", CancellationToken.None);

        var all = _audit.Query(new TriggerAuditQuery());
        all.Select(e => e.Actor).Should().Equal("van-hoa", "truong-khoi-1");
        all[1].BroadcastId.Should().Be("b-1");
        _audit.Query(new TriggerAuditQuery(Zone: "xom-4")).Should().ContainSingle().Which.Actor.Should().Be("van-hoa");
        _audit.Query(new TriggerAuditQuery(Actor: "truong-khoi-1", Allowed: true)).Should().ContainSingle();
        _audit.Query(new TriggerAuditQuery(From: _dir.Time.GetUtcNow())).Should().ContainSingle();
    }

    [Fact]
    public async Task An_allowed_trigger_the_engine_could_not_carry_out_is_audited_with_a_Vietnamese_failure_and_no_exception_words()
    {
        _trigger.Fail = true;

        var act = () => _guard.TriggerAsync(U(Role.Officer) with { Name = "van-hoa" }, Request(["xom-3"]), "127.0.0.1", CancellationToken.None);

        await act.Should().ThrowAsync<InvalidOperationException>();
        var stored = _audit.Query(new TriggerAuditQuery()).Should().ContainSingle().Subject.Reason!;
        stored.Should().NotContain("engine down", "the exception's words are for the log");
        var parts = TriggerAudit.RenderReason(TanKy.Hub.Shared.Text.HubText.Default, stored, "vi").Split(TriggerAudit.Then);
        parts.Should().HaveCount(2, "why it was allowed, then what failed");
        parts.Should().AllSatisfy(Text.FailureReasons_Tests.ShouldBeVietnamese);
        TriggerAudit.RenderReason(TanKy.Hub.Shared.Text.HubText.Default, stored, "en").Should().EndWith(" → could not be carried out: an error in the hub (details in the hub log)");
    }

    private static EmergencyRequest Request(IReadOnlyList<string> zones) =>
        new(zones, BulletinClass.Emergency, ["coi-hu"], "Nước sông dâng cao, bà con sơ tán", null, 2, TimeSpan.FromMinutes(5), null, "test", TriggerChannel.Api, null);
}
