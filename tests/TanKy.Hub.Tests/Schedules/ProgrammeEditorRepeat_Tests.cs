using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TanKy.Hub.Schedules;
using TanKy.Hub.Schedules.Editing;
using TanKy.Hub.Schedules.Parsing;
using TanKy.Hub.Schedules.Planning;

namespace TanKy.Hub.Tests.Schedules;

/// <summary>The form's Vietnamese repeat choices, its id from the title and its 7h30 times, written as schedule files.</summary>
public sealed class ProgrammeEditorRepeat_Tests : IDisposable
{
    private readonly EditorBed _e = new();

    private ScheduleTestBed _bed => _e.Bed;

    private ProgrammeStore _store => _e.Store;

    private ProgrammeEditor _editor => _e.Editor;

    public void Dispose() => _e.Dispose();

    private static ProgrammeDraft Draft(string repeat, string times = "20h") => new()
    {
        Title = "Tin nông vụ",
        Zones = ["khoi-2"],
        PlaylistItems = ["m-thongbaok3"],
        Times = times,
        Repeat = repeat,
    };

    [Fact]
    public void The_id_comes_from_the_title_and_7h30_is_written_as_07_30()
    {
        var first = _editor.Create(Draft("weekdays", "7h30"), "can-bo-vh");
        var second = _editor.Create(Draft("weekend", "21h"), "can-bo-vh");

        first.Saved.Should().BeTrue(Describe(first));
        second.Saved.Should().BeTrue(Describe(second));
        var text = File.ReadAllText(Path.Combine(_bed.Folder, "tin-nong-vu.yaml"));
        text.Should().Contain("- id: \"tin-nong-vu\"").And.Contain("times: [\"07:30\"]").And.Contain("days: [\"t2\", \"t3\", \"t4\", \"t5\", \"t6\"]");
        File.Exists(Path.Combine(_bed.Folder, "tin-nong-vu-2.yaml")).Should().BeTrue("a second programme of the same title gets its own id");
        _store.Current!.Programmes.Select(p => p.Id).Should().Contain("tin-nong-vu").And.Contain("tin-nong-vu-2");
    }

    [Fact]
    public void The_last_friday_of_the_month_is_written_as_cron_and_read_back_as_the_same_choice()
    {
        var draft = Draft("lastweekday", "19h");
        draft.Weekday = "t6";

        var result = _editor.Create(draft, "can-bo-vh");

        result.Saved.Should().BeTrue(Describe(result));
        var programme = _store.Current!.Programmes.Single(p => p.Id == "tin-nong-vu");
        programme.Recurrence.Cron.Should().Be("0 0 19 ? * 6L");
        // Friday 29 May 2026 is the last Friday of May (Vietnam time).
        AgendaService.Compute(_store.Current, ScheduleTestBed.Monday, TimeSpan.FromDays(40), null)
            .Where(e => e.ProgrammeId == "tin-nong-vu").Select(e => e.Start)
            .Should().Equal(new DateTimeOffset(2026, 5, 29, 19, 0, 0, TimeSpan.FromHours(7)));

        var back = _editor.Load("tin-nong-vu")!;
        (back.Repeat, back.Weekday, back.Times).Should().Be(("lastweekday", "t6", "19:00"));
    }

    [Fact]
    public void The_15th_of_every_month_and_a_count_of_days_are_written_from_their_choices()
    {
        var monthly = Draft("monthday", "7h30");
        monthly.MonthDay = "15";
        _editor.Create(monthly, "can-bo-vh").Saved.Should().BeTrue();
        _store.Current!.Programmes.Single(p => p.Id == "tin-nong-vu").Recurrence.Cron.Should().Be("0 30 7 15 * ?");
        _editor.Load("tin-nong-vu")!.Repeat.Should().Be("monthday");

        var everyOther = Draft("everydays", "21h");
        everyOther.Title = "Tin cách ngày";
        everyOther.EveryCount = "2";
        everyOther.From = "2026-04-28";
        _editor.Create(everyOther, "can-bo-vh").Saved.Should().BeTrue();
        var rule = _store.Current!.Programmes.Single(p => p.Id == "tin-cach-ngay").Recurrence;
        (rule.Every, rule.Unit).Should().Be((2, Hub.Schedules.Model.RecurrenceUnit.Days));
    }

    [Fact]
    public void A_monthly_choice_that_cron_cannot_say_or_a_missing_count_is_refused_on_its_field()
    {
        var twoMinutes = Draft("monthday", "7h30, 19h");
        twoMinutes.MonthDay = "15";
        _editor.Create(twoMinutes, "can-bo-vh").ErrorsOf("times").Should().Equal("@sched.edit.monthlyOneMinute");

        _editor.Create(Draft("everydays"), "can-bo-vh").ErrorsOf("every").Should().Equal("@sched.edit.badEvery");
        var noDay = Draft("monthday");
        noDay.MonthDay = "32";
        _editor.Create(noDay, "can-bo-vh").ErrorsOf("repeat").Should().Equal("@sched.edit.badMonthDay");
        File.Exists(Path.Combine(_bed.Folder, "tin-nong-vu.yaml")).Should().BeFalse();
    }

    private static string Describe(ProgrammeSaveResult r) => string.Join("; ", r.General.Concat(r.FieldErrors.SelectMany(f => f.Value)));
}
