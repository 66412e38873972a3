using TanKy.Hub.Broadcasts.Arbitration;
using TanKy.Hub.Broadcasts.Relay;
using TanKy.Hub.Schedules;
using TanKy.Hub.Schedules.Airing;
using TanKy.Hub.Schedules.History;
using TanKy.Hub.Schedules.Model;
using TanKy.Protocol;

namespace TanKy.Hub.Tests.Schedules.Relays;

/// <summary>
/// A scheduled relay as broadcasts: the request the player submits, and after a preemption a new
/// request at the live point for what is left of the slot (never a resume from an offset), with
/// the minutes actually relayed in the history.
/// </summary>
public sealed class RelayAiring_Tests : IDisposable
{
    private static readonly TimeSpan Slot = TimeSpan.FromMinutes(30);
    private readonly RelayBed _relay = new();

    public void Dispose() => _relay.Dispose();

    private ScheduledAiring Airing(DateTimeOffset start) => new(
        "tiep-song-vov", "Thời sự VOV1", "p-tiep-song-vov-2604270000", start, ["khoi-1", "khoi-2"], BulletinClass.Normal, null, [], null, 80,
        PreemptionPolicy.Resume, Slot, new MisfireInfo(TimeSpan.Zero, TimeSpan.FromMinutes(10)), new ProgrammeRelay("vov1", Slot), "m-xinloimats");

    private async Task<(ScheduledAiring Airing, string BroadcastId)> StartAsync(DateTimeOffset start)
    {
        var airing = Airing(start);
        var id = await _relay.Get<BroadcastProgrammePlayer>().StartAsync(airing, CancellationToken.None);
        _relay.Get<ProgrammeHistory>().Fired(airing, HistoryOutcome.Fired, id, null);
        return (airing, id);
    }

    private void Advance(TimeSpan by) => _relay.Bed.Time.Advance(by);

    private Task TickAsync() => _relay.Get<RelayAirings>().TickAsync();

    private HistoryRow Row(string zone) => _relay.History().Single(r => r.Zone == zone);

    [Fact]
    public async Task The_player_submits_one_relay_request_for_the_whole_slot_with_policy_skip()
    {
        var start = _relay.Bed.Time.GetUtcNow();
        var (airing, id) = await StartAsync(start);

        id.Should().Be("bc-1");
        _relay.Broadcasts.Requests.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            MediaId = "", Class = BulletinClass.Normal, Zones = new[] { "khoi-1", "khoi-2" }, Operator = "schedule", Source = "schedule", Volume = 80,
            Policy = PreemptionPolicy.Skip, Title = "Thời sự VOV1", StreamId = airing.AiringId, Playlist = (IReadOnlyList<string>?)null,
            Relay = new RelayContent("vov1", Slot, "m-xinloimats"),
        });
    }

    [Fact]
    public async Task A_preempted_relay_comes_back_live_for_the_remaining_time_and_counts_the_minutes_relayed()
    {
        var (_, first) = await StartAsync(_relay.Bed.Time.GetUtcNow());
        _relay.Broadcasts.Decide(first, "khoi-1", DecisionKind.Aired, TimeSpan.Zero);
        _relay.Broadcasts.Decide(first, "khoi-2", DecisionKind.Aired, TimeSpan.Zero);
        _relay.Broadcasts.Plays("khoi-1", first);
        _relay.Broadcasts.Plays("khoi-2", first);

        // 00:05: a priority bulletin cuts the relay in khoi-1 only; khoi-2 goes on.
        Advance(TimeSpan.FromMinutes(5));
        _relay.Broadcasts.Decide(first, "khoi-1", DecisionKind.Preempted, TimeSpan.FromMinutes(5), "bc-uu-tien");
        _relay.Broadcasts.Decide(first, "khoi-1", DecisionKind.Skipped, TimeSpan.FromMinutes(5), "bc-uu-tien");
        _relay.Broadcasts.Plays("khoi-1", "bc-uu-tien");
        await TickAsync();
        _relay.Broadcasts.Requests.Should().HaveCount(1, "the zone is still held by the priority bulletin");
        Row("khoi-1").RelayedMs.Should().Be(5 * 60_000);

        // 00:12: the bulletin has ended; the relay goes on live for the 18 minutes left of its slot.
        Advance(TimeSpan.FromMinutes(7));
        _relay.Broadcasts.Plays("khoi-1", null);
        await TickAsync();

        var again = _relay.Broadcasts.Requests.Last();
        again.Should().BeEquivalentTo(new
        {
            MediaId = "", Zones = new[] { "khoi-1" }, Policy = PreemptionPolicy.Skip, StreamId = (string?)null, FirstSoundAt = (DateTimeOffset?)null,
            Relay = new RelayContent("vov1", TimeSpan.FromMinutes(18), "m-xinloimats"),
        });
        Row("khoi-1").Should().BeEquivalentTo(new { Outcome = HistoryOutcome.Fired, BroadcastId = "bc-2" });
        Row("khoi-1").ReasonIn("en").Should().Be("preempted by bc-uu-tien at 5:00; relayed live again at 00:12:00");
        Row("khoi-1").ReasonIn("vi").Should().EndWith("tiếp sóng lại (trực tiếp) lúc 00:12:00");

        // 00:30: both zones end their slot.
        Advance(TimeSpan.FromMinutes(18));
        _relay.Broadcasts.Decide("bc-2", "khoi-1", DecisionKind.Aired, TimeSpan.Zero);
        _relay.Broadcasts.Decide("bc-2", "khoi-1", DecisionKind.Finished, TimeSpan.FromMinutes(18));
        _relay.Broadcasts.Decide(first, "khoi-2", DecisionKind.Finished, Slot);
        await TickAsync();

        Row("khoi-1").RelayedMinutes.Should().Be(23);
        Row("khoi-2").RelayedMinutes.Should().Be(30);
        _relay.Get<RelayAirings>().Active.Should().Be(0);
        _relay.Broadcasts.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_relay_cut_near_the_end_of_its_slot_is_not_started_again()
    {
        var (_, first) = await StartAsync(_relay.Bed.Time.GetUtcNow());
        Advance(TimeSpan.FromMinutes(29) + TimeSpan.FromSeconds(40));
        foreach (var zone in new[] { "khoi-1", "khoi-2" })
        {
            _relay.Broadcasts.Decide(first, zone, DecisionKind.Aired, TimeSpan.Zero);
            _relay.Broadcasts.Decide(first, zone, DecisionKind.Preempted, TimeSpan.FromSeconds(1780), "bc-khan");
            _relay.Broadcasts.Decide(first, zone, DecisionKind.Skipped, TimeSpan.FromSeconds(1780), "bc-khan");
        }

        await TickAsync();

        _relay.Broadcasts.Requests.Should().HaveCount(1);
        _relay.Get<RelayAirings>().Active.Should().Be(0);
        Row("khoi-2").RelayedMs.Should().Be(1_780_000);
    }

    [Fact]
    public async Task A_relay_started_late_joins_the_live_point_for_the_rest_of_its_slot()
    {
        var start = _relay.Bed.Time.GetUtcNow() - TimeSpan.FromMinutes(7);

        await StartAsync(start);

        _relay.Broadcasts.Requests.Single().Relay.Should().Be(new RelayContent("vov1", TimeSpan.FromMinutes(23), "m-xinloimats"));
        _relay.Broadcasts.Requests.Single().FirstSoundAt.Should().BeNull();
    }

    [Fact]
    public async Task A_relay_whose_slot_is_over_is_not_started()
    {
        var start = _relay.Bed.Time.GetUtcNow() - TimeSpan.FromMinutes(29) - TimeSpan.FromSeconds(45);

        var thrown = await FluentActions.Awaiting(() => StartAsync(start)).Should().ThrowAsync<RelaySlotOverException>();

        thrown.Which.Text.Key.Should().Be("relayprog.reason.slot-over");
        _relay.Broadcasts.Requests.Should().BeEmpty();
    }
}
