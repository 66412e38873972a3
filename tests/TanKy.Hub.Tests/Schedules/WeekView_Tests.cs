using TanKy.Hub.Schedules;
using TanKy.Hub.Web.Console.Week;

namespace TanKy.Hub.Tests.Schedules;

/// <summary>The console's week grid folds the agenda's per-zone entries into one card per airing.</summary>
public sealed class WeekView_Tests : IDisposable
{
    private readonly ScheduleTestBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public void A_week_has_seven_days_from_monday_and_one_card_per_programme_start_and_outcome()
    {
        SampleWeek.WriteAll(_bed);
        var set = _bed.Load().Set!;
        var entries = AgendaService.Compute(set, ScheduleTestBed.Monday, TimeSpan.FromDays(7), null);

        var week = WeekView.Build(entries, new DateOnly(2026, 4, 27));

        week.Select(d => d.Date.DayOfWeek).Should().Equal(DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday);
        var monday = week[0].Cards;
        monday.Select(c => (c.ProgrammeId, c.Start.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture))).Should().Equal(("ban-tin-sang", "06:00"), ("ban-tin-sang", "06:00"), ("tin-huyen", "06:05"));
        monday.Where(c => c.ProgrammeId == "ban-tin-sang").Select(c => (c.Status, c.Zones.Count)).Should().BeEquivalentTo(new[] { ("resumed", 2), ("planned", 2) },
            "the priority bulletin cuts khoi-1 and khoi-2; the other two hamlets hear it as planned");
        week[3].Cards.Where(c => c.ProgrammeId == "ban-tin-sang").Should().ContainSingle().Which.Status.Should().Be("skipped-holiday");
        week[2].Cards.Single(c => c.ProgrammeId == "hop-khoi-3").Zones.Should().Equal("khoi-3");
        week.Sum(d => d.Cards.Count).Should().BeLessThan(entries.Count);
    }

    [Fact]
    public void Monday_of_any_day_is_the_start_of_its_week()
    {
        WeekView.MondayOf(new DateOnly(2026, 11, 29)).Should().Be(new DateOnly(2026, 11, 23));
        WeekView.MondayOf(new DateOnly(2026, 11, 23)).Should().Be(new DateOnly(2026, 11, 23));
        WeekView.MondayOf(new DateOnly(2026, 11, 28)).Should().Be(new DateOnly(2026, 11, 23));
    }
}
