using Microsoft.Extensions.Time.Testing;
using TanKy.Hub.Broadcasts;
using TanKy.Hub.Broadcasts.Arbitration;
using TanKy.Protocol;

namespace TanKy.Hub.Tests.Broadcasts;

public sealed class ZoneArbiter_Tests
{
    private static readonly TimeSpan Lead = TimeSpan.FromMilliseconds(400);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero));
    private readonly ZoneArbiter _arbiter;

    public ZoneArbiter_Tests() => _arbiter = new ZoneArbiter(_time, Lead);

    private static ArbiterClaim Claim(string id, BulletinClass cls, PreemptionPolicy policy = PreemptionPolicy.Resume, double lengthSeconds = 60, params string[] zones) =>
        new(id, cls, policy, zones.Length == 0 ? ["xom-3"] : zones, TimeSpan.FromSeconds(lengthSeconds));

    private static string Describe(IEnumerable<ArbiterDecision> decisions) =>
        string.Join("; ", decisions.Select(d => $"{d.Kind.ToWire()} {d.BroadcastId}@{d.Zone} {d.Offset.TotalMilliseconds}"));

    [Theory]
    [InlineData(BulletinClass.Normal, BulletinClass.Priority, "preempted a@xom-3 0; aired b@xom-3 0")]
    [InlineData(BulletinClass.Normal, BulletinClass.Emergency, "preempted a@xom-3 0; aired b@xom-3 0")]
    [InlineData(BulletinClass.Priority, BulletinClass.Emergency, "preempted a@xom-3 0; aired b@xom-3 0")]
    [InlineData(BulletinClass.Emergency, BulletinClass.Emergency, "preempted a@xom-3 0; aired b@xom-3 0")]
    [InlineData(BulletinClass.Normal, BulletinClass.Normal, "queued b@xom-3 0")]
    [InlineData(BulletinClass.Priority, BulletinClass.Priority, "queued b@xom-3 0")]
    [InlineData(BulletinClass.Priority, BulletinClass.Normal, "queued b@xom-3 0")]
    [InlineData(BulletinClass.Emergency, BulletinClass.Priority, "queued b@xom-3 0")]
    [InlineData(BulletinClass.Emergency, BulletinClass.Normal, "queued b@xom-3 0")]
    public void A_second_broadcast_preempts_only_a_lower_class_or_an_earlier_emergency(BulletinClass first, BulletinClass second, string expected)
    {
        Describe(_arbiter.Submit(Claim("a", first))).Should().Be("aired a@xom-3 0");

        var decisions = _arbiter.Submit(Claim("b", second));

        Describe(decisions).Should().Be(expected);
    }

    [Theory]
    [InlineData(PreemptionPolicy.Resume, "resumed a@xom-3 10000")]
    [InlineData(PreemptionPolicy.Restart, "restarted a@xom-3 0")]
    [InlineData(PreemptionPolicy.Skip, "")]
    public void After_the_preemptor_ends_the_policy_decides(PreemptionPolicy policy, string expected)
    {
        _arbiter.Submit(Claim("a", BulletinClass.Normal, policy));
        _time.Advance(Lead + TimeSpan.FromMilliseconds(10_010));

        var cut = _arbiter.Submit(Claim("e", BulletinClass.Emergency));
        cut[0].Should().Be(new ArbiterDecision(DecisionKind.Preempted, "a", "xom-3", _time.GetUtcNow(), TimeSpan.FromSeconds(10), "e", "rules2.decision.preempted.emergency"));
        (policy == PreemptionPolicy.Skip).Should().Be(cut.Any(d => d.Kind == DecisionKind.Skipped));

        _time.Advance(TimeSpan.FromSeconds(5));
        var after = _arbiter.Complete("e", "xom-3");

        Describe(after).Should().Be(("finished e@xom-3 4600; " + expected).TrimEnd(' ', ';'));
        _arbiter.Holds("a").Should().Be(policy != PreemptionPolicy.Skip);
    }

    [Fact]
    public void Offsets_add_up_across_two_preemptions_and_are_whole_frames()
    {
        _arbiter.Submit(Claim("a", BulletinClass.Normal));
        _time.Advance(Lead + TimeSpan.FromMilliseconds(3_015));
        _arbiter.Submit(Claim("p", BulletinClass.Priority));
        _arbiter.Complete("p", "xom-3")[^1].Should().Match<ArbiterDecision>(d => d.Kind == DecisionKind.Resumed && d.Offset == TimeSpan.FromMilliseconds(3_000));

        _time.Advance(Lead + TimeSpan.FromMilliseconds(2_039));
        var second = _arbiter.Submit(Claim("e", BulletinClass.Emergency));

        second[0].Offset.Should().Be(TimeSpan.FromMilliseconds(5_020));
        _arbiter.Complete("e", "xom-3")[^1].Offset.Should().Be(TimeSpan.FromMilliseconds(5_020));
    }

    [Fact]
    public void A_cut_during_the_lead_resumes_from_where_it_aired()
    {
        _arbiter.Submit(Claim("a", BulletinClass.Normal));
        _time.Advance(TimeSpan.FromMilliseconds(300));

        _arbiter.Submit(Claim("e", BulletinClass.Emergency))[0].Offset.Should().Be(TimeSpan.Zero);
        Describe(_arbiter.Complete("e", "xom-3")).Should().EndWith("restarted a@xom-3 0");
    }

    [Fact]
    public void A_pinned_first_play_out_later_than_a_lead_is_where_offsets_count_from()
    {
        // A scheduled airing asked for 500 ms before airtime, its first frame pinned 6.5 ms before
        // airtime (the pre-skip): it has played 125 whole frames 2.5065 s later, not 130.
        var pinned = _time.GetUtcNow() + TimeSpan.FromMilliseconds(493.5);
        _arbiter.Submit(Claim("a", BulletinClass.Normal) with { PlayoutNotBefore = pinned });
        _time.Advance(TimeSpan.FromMilliseconds(3_000));

        var cut = _arbiter.Submit(Claim("e", BulletinClass.Emergency));

        cut[0].Should().BeEquivalentTo(new { Kind = DecisionKind.Preempted, BroadcastId = "a", Offset = TimeSpan.FromMilliseconds(2_500) });
        _time.Advance(TimeSpan.FromSeconds(3));
        Describe(_arbiter.Complete("e", "xom-3")).Should().Be("finished e@xom-3 2600; resumed a@xom-3 2500");
    }

    [Fact]
    public void A_pinned_play_out_already_within_a_lead_changes_nothing()
    {
        _arbiter.Submit(Claim("a", BulletinClass.Normal) with { PlayoutNotBefore = _time.GetUtcNow() + TimeSpan.FromMilliseconds(100) });
        _time.Advance(Lead + TimeSpan.FromMilliseconds(1_000));

        _arbiter.Submit(Claim("e", BulletinClass.Emergency))[0].Offset.Should().Be(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void A_broadcast_cut_after_its_end_is_finished_not_resumed()
    {
        _arbiter.Submit(Claim("a", BulletinClass.Normal, lengthSeconds: 2));
        _time.Advance(TimeSpan.FromSeconds(3));

        Describe(_arbiter.Submit(Claim("e", BulletinClass.Emergency))).Should().Be("preempted a@xom-3 2000; finished a@xom-3 2000; aired e@xom-3 0");
        _arbiter.Holds("a").Should().BeFalse();
    }

    [Fact]
    public void Equal_classes_queue_first_come_first_served()
    {
        _arbiter.Submit(Claim("a", BulletinClass.Normal));
        _arbiter.Submit(Claim("b", BulletinClass.Normal));
        _arbiter.Submit(Claim("c", BulletinClass.Normal));
        _arbiter.Inspect("xom-3").Playing.Should().Be("a");
        _arbiter.Inspect("xom-3").Waiting.Should().Equal("b", "c");

        Describe(_arbiter.Complete("a", "xom-3")).Should().Be("finished a@xom-3 0; aired b@xom-3 0");
        Describe(_arbiter.Complete("b", "xom-3")).Should().Be("finished b@xom-3 0; aired c@xom-3 0");
    }

    [Fact]
    public void Higher_classes_go_first_and_a_preempted_broadcast_keeps_its_place_among_equals()
    {
        _arbiter.Submit(Claim("n1", BulletinClass.Normal));
        _arbiter.Submit(Claim("n2", BulletinClass.Normal));
        _arbiter.Submit(Claim("p1", BulletinClass.Priority));
        _arbiter.Submit(Claim("p2", BulletinClass.Priority));

        _arbiter.Inspect("xom-3").Should().Match<ZoneView>(v => v.Playing == "p1");
        _arbiter.Inspect("xom-3").Waiting.Should().Equal("p2", "n1", "n2");
        _arbiter.Complete("p1", "xom-3")[^1].BroadcastId.Should().Be("p2");
        _arbiter.Complete("p2", "xom-3")[^1].Should().Match<ArbiterDecision>(d => d.BroadcastId == "n1" && d.Kind == DecisionKind.Restarted);
    }

    [Fact]
    public void Among_emergencies_the_latest_wins_and_earlier_ones_come_back_newest_first()
    {
        _arbiter.Submit(Claim("e1", BulletinClass.Emergency));
        _arbiter.Submit(Claim("e2", BulletinClass.Emergency));
        _arbiter.Submit(Claim("e3", BulletinClass.Emergency));

        _arbiter.Inspect("xom-3").Should().Match<ZoneView>(v => v.Playing == "e3");
        _arbiter.Inspect("xom-3").Waiting.Should().Equal("e2", "e1");
        _arbiter.Complete("e3", "xom-3")[^1].BroadcastId.Should().Be("e2");
    }

    [Fact]
    public void A_broadcast_to_several_zones_can_play_in_some_and_wait_in_others()
    {
        _arbiter.Submit(Claim("busy", BulletinClass.Priority, zones: "khoi-1"));

        var decisions = _arbiter.Submit(Claim("multi", BulletinClass.Normal, zones: ["xom-3", "khoi-1", "xom-5"]));

        Describe(decisions).Should().Be("aired multi@xom-3 0; queued multi@khoi-1 0; aired multi@xom-5 0");
        decisions[1].By.Should().Be("busy");
        Describe(_arbiter.Complete("busy", "khoi-1")).Should().Be("finished busy@khoi-1 0; aired multi@khoi-1 0");
    }

    [Fact]
    public void Withdrawing_frees_playing_zones_for_the_next_and_removes_waiting_legs()
    {
        _arbiter.Submit(Claim("a", BulletinClass.Normal, zones: ["xom-3", "khoi-1"]));
        _arbiter.Submit(Claim("p", BulletinClass.Priority, zones: "khoi-1"));
        _arbiter.Submit(Claim("b", BulletinClass.Normal, zones: "xom-3"));

        var decisions = _arbiter.Withdraw("a", DecisionKind.Cancelled, "stopped by officer");

        Describe(decisions).Should().Be("cancelled a@xom-3 0; aired b@xom-3 0; cancelled a@khoi-1 0");
        _arbiter.Holds("a").Should().BeFalse();
        _arbiter.Inspect("khoi-1").Should().Match<ZoneView>(v => v.Playing == "p" && v.Waiting.Count == 0);
    }

    [Fact]
    public void Completing_a_broadcast_that_does_not_play_there_changes_nothing()
    {
        _arbiter.Submit(Claim("a", BulletinClass.Normal));
        _arbiter.Submit(Claim("b", BulletinClass.Normal));

        _arbiter.Complete("b", "xom-3").Should().BeEmpty();
        _arbiter.Complete("a", "khoi-9").Should().BeEmpty();
        _arbiter.Inspect("xom-3").Playing.Should().Be("a");
    }

    [Fact]
    public void The_same_broadcast_cannot_be_submitted_twice()
    {
        _arbiter.Submit(Claim("a", BulletinClass.Normal));

        var act = () => _arbiter.Submit(Claim("a", BulletinClass.Emergency));

        act.Should().Throw<InvalidOperationException>();
    }
}
