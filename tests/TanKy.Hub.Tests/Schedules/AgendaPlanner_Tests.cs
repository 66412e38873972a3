using TanKy.Hub.Schedules;
using TanKy.Hub.Schedules.Planning;

namespace TanKy.Hub.Tests.Schedules;

/// <summary>The agenda's arbitration: a priority bulletin cuts a normal one, which resumes, restarts or is skipped.</summary>
public sealed class AgendaPlanner_Tests : IDisposable
{
    private readonly ScheduleTestBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Theory]
    [InlineData("resume", AgendaStatus.Resumed, 310, 300)]
    [InlineData("restart", AgendaStatus.Restarted, 610, 0)]
    public void A_preempted_normal_programme_continues_per_its_policy(string policy, AgendaStatus status, int secondsAfter, int offset)
    {
        Write(policy);

        var entry = Agenda().Single(e => e.ProgrammeId == "ban-tin-sang" && e.Zone == "khoi-1");

        entry.Status.Should().Be(status);
        entry.PreemptedBy.Should().Equal("tin-huyen");
        entry.Segments.Should().HaveCount(2);
        entry.Segments[0].Should().Be(new AgendaSegment(SampleWeek.At(0, 6, 0), SampleWeek.At(0, 6, 5), TimeSpan.Zero));
        var resumeAt = SampleWeek.At(0, 6, 10);
        entry.Segments[1].Should().Be(new AgendaSegment(resumeAt, resumeAt.AddSeconds(secondsAfter), TimeSpan.FromSeconds(offset)));
    }

    [Fact]
    public void A_preempted_programme_with_skip_stops_at_the_cut()
    {
        Write("skip");

        var entry = Agenda().Single(e => e.ProgrammeId == "ban-tin-sang" && e.Zone == "khoi-1");

        entry.Status.Should().Be(AgendaStatus.Preempted);
        entry.Segments.Should().ContainSingle().Which.End.Should().Be(SampleWeek.At(0, 6, 5));
        entry.Reason.Should().Contain("tin-huyen");
    }

    [Fact]
    public void Zones_without_the_priority_bulletin_and_holidays_are_shown_as_such()
    {
        Write("resume");

        var agenda = AgendaService.Compute(_bed.Load().Set!, ScheduleTestBed.Monday, TimeSpan.FromDays(7), null);

        agenda.Single(e => e.ProgrammeId == "ban-tin-sang" && e.Zone == "khoi-3" && e.Start == SampleWeek.At(0, 6, 0)).Status.Should().Be(AgendaStatus.Planned);
        agenda.Where(e => e.Status == AgendaStatus.SkippedHoliday).Should().HaveCount(8)
            .And.OnlyContain(e => e.Reason!.StartsWith("Nghỉ lễ: ", StringComparison.Ordinal), "officers read the calendar's title, not its id");
        agenda.Where(e => e.Zone == "khoi-1" && e.ProgrammeId == "tin-huyen").Should().OnlyContain(e => e.Status == AgendaStatus.Planned);
    }

    [Fact]
    public void The_zone_filter_keeps_one_zone()
    {
        Write("resume");

        var agenda = AgendaService.Compute(_bed.Load().Set!, ScheduleTestBed.Monday, TimeSpan.FromDays(7), "khoi-3");

        agenda.Should().NotBeEmpty().And.OnlyContain(e => e.Zone == "khoi-3");
        agenda.Should().Contain(e => e.ProgrammeId == "hop-khoi-3");
    }

    private IReadOnlyList<AgendaEntry> Agenda() =>
        AgendaService.Compute(_bed.Load().Set!, ScheduleTestBed.Monday, TimeSpan.FromDays(1), null);

    private void Write(string policy)
    {
        SampleWeek.WriteAll(_bed);
        _bed.Write("hang-ngay.yaml", SampleWeek.Daily.Replace("on_preempt: resume", "on_preempt: " + policy, StringComparison.Ordinal));
    }
}
