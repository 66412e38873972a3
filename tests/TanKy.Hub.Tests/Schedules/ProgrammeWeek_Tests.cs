using TanKy.Hub.Schedules;
using TanKy.Hub.Schedules.History;
using TanKy.Hub.Schedules.Planning;

namespace TanKy.Hub.Tests.Schedules;

/// <summary>Quartz on the test database, driven by a FakeTimeProvider through a whole week.</summary>
public sealed class ProgrammeWeek_Tests : IDisposable
{
    private readonly ScheduleTestBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task A_week_with_a_holiday_plays_exactly_the_expected_airings()
    {
        SampleWeek.WriteAll(_bed);
        var player = new RecordingPlayer();
        await using var host = await ScheduleHost.StartAsync(_bed, player);
        var expected = SampleWeek.Expected();
        var end = SampleWeek.At(7, 0, 0);

        while (await host.NextFireAsync() is { } next && next < end)
        {
            await host.MoveClockAsync(_bed.Time, next);

            // An airing's trigger fires ArmAhead before its start: wait for the ones due by then.
            await player.WaitForAsync(expected.Count(e => e.Start <= next + new ScheduleOptions().ArmAhead), _bed.Time);
        }

        _bed.Time.SetUtcNow(end);
        player.Played.Should().Equal(expected);
        player.Airings.Should().OnlyContain(a => !a.Misfire.IsLate);
        // The dispatcher writes "fired" right after the player returns: give the last one a moment.
        var history = host.Get<ProgrammeHistory>().Between(SampleWeek.At(0, 0, 0), end);
        for (var i = 0; i < 250 && history.Count(h => h.Outcome == HistoryOutcome.Fired) < expected.Count; i++)
        {
            await Task.Delay(20);
            history = host.Get<ProgrammeHistory>().Between(SampleWeek.At(0, 0, 0), end);
        }

        history.Where(h => h.Outcome == HistoryOutcome.SkippedHoliday).Select(h => (h.ProgrammeId, h.Zone, h.OccurrenceAt))
            .Should().HaveCount(8).And.OnlyContain(h => h.ProgrammeId == "ban-tin-sang");
        history.Where(h => h.Outcome == HistoryOutcome.Fired).Should().HaveCount(expected.Count);
    }

    [Fact]
    public async Task Agenda_and_scheduler_agree_on_the_same_inputs()
    {
        SampleWeek.WriteAll(_bed);
        await using var host = await ScheduleHost.StartAsync(_bed, new RecordingPlayer(), ahead: TimeSpan.FromDays(7));

        var stored = (await host.StoredAiringsAsync()).SelectMany(a => a.Zones.Select(z => (a.ProgrammeId, z, a.Start))).Order().ToList();
        var agenda = AgendaService.Compute(host.Get<ProgrammeStore>().Current!, _bed.Time.GetUtcNow(), TimeSpan.FromDays(7), null)
            .Where(e => e.Status != AgendaStatus.SkippedHoliday)
            .Select(e => (e.ProgrammeId, e.Zone, e.Start)).Order().ToList();

        stored.Should().Equal(agenda);
        stored.Should().Equal(SampleWeek.Expected().Order());
    }

    [Fact]
    public async Task A_reload_replaces_the_stored_occurrences()
    {
        SampleWeek.WriteAll(_bed);
        await using var host = await ScheduleHost.StartAsync(_bed, new RecordingPlayer(), ahead: TimeSpan.FromDays(7));
        _bed.Write("chen.yaml", SampleWeek.Priority.Replace("[mon, thu]", "[tue]", StringComparison.Ordinal));

        host.Get<ProgrammeStore>().Reload().IsValid.Should().BeTrue();
        await host.Get<TanKy.Hub.Schedules.Scheduling.ProgrammeScheduler>().SyncAsync();

        var huyen = (await host.StoredAiringsAsync()).Where(a => a.ProgrammeId == "tin-huyen").Select(a => a.Start).ToList();
        huyen.Should().Equal(SampleWeek.At(1, 6, 5));
    }
}
