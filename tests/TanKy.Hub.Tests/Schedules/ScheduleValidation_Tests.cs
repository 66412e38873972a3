using TanKy.Hub.Schedules.Model;

namespace TanKy.Hub.Tests.Schedules;

/// <summary>Every error names file:line:column and says why, in plain words.</summary>
public sealed class ScheduleValidation_Tests : IDisposable
{
    private readonly ScheduleTestBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public void The_sample_week_is_valid()
    {
        SampleWeek.WriteAll(_bed);

        var result = _bed.Load();

        result.Errors.Should().BeEmpty();
        result.Set!.Programmes.Select(p => p.Id).Should().BeEquivalentTo("ban-tin-sang", "hop-khoi-3", "tin-huyen");
        result.Set.DurationOf(result.Set.Programmes.Single(p => p.Id == "ban-tin-sang")).Should().Be(TimeSpan.FromSeconds(610));
    }

    [Fact]
    public void Unknown_zone_missing_media_bad_time_bad_cron_and_unknown_key_are_located()
    {
        var file = _bed.Write("loi.yaml", """
            programmes:
              - id: ban-tin-sang
                title: Bản tin sáng
                zones: [khoi-1, khoi-9]
                content: [m-bantinsang, m-khongcoooo]
                recurrence:
                  times: ["25:00"]
              - id: tin-cron
                title: Cron sai
                zones: all
                content: [m-bantinsang]
                recurrence:
                  cron: "0 0 25 * * ?"
                colour: red
            """);

        var errors = _bed.Load().Errors;

        errors.Should().Contain(e => At(e, file, 7, 15) && e.Reason.Contains("25:00", StringComparison.Ordinal));
        errors.Should().Contain(e => At(e, file, 13, 13) && e.Reason.Contains("cron", StringComparison.Ordinal));
        errors.Should().Contain(e => At(e, file, 14, 5) && e.Reason.Contains("colour", StringComparison.Ordinal));
        errors.Select(e => e.ToString()).Should().OnlyContain(s => s.StartsWith(file + ":", StringComparison.Ordinal));
    }

    [Fact]
    public void References_are_checked_once_the_syntax_is_right()
    {
        var file = _bed.Write("loi.yaml", """
            programmes:
              - id: ban-tin-sang
                title: Bản tin sáng
                zones: [khoi-1, khoi-9]
                content: [m-bantinsang, m-khongcoooo]
                recurrence: { times: ["06:00"] }
                skip_on: [nghi-he]
            """);

        var errors = _bed.Load().Errors;

        errors.Should().Contain(e => At(e, file, 4, 21) && e.Reason.Contains("khoi-9", StringComparison.Ordinal));
        errors.Should().Contain(e => At(e, file, 5, 29) && e.Reason.Contains("m-khongcoooo", StringComparison.Ordinal));
        errors.Should().Contain(e => At(e, file, 7, 15) && e.Reason.Contains("nghi-he", StringComparison.Ordinal));
    }

    [Fact]
    public void A_duplicate_id_across_files_names_both_places()
    {
        _bed.Write("a.yaml", SampleWeek.Daily);
        var b = _bed.Write("b.yaml", SampleWeek.Daily.Replace("06:00", "20:00", StringComparison.Ordinal).Replace("19:00", "21:00", StringComparison.Ordinal));
        _bed.Write("le-tet.yaml", SampleWeek.Holidays);

        var errors = _bed.Load().Errors;

        var dup = errors.Should().Contain(e => At(e, b, 2, 9) && e.Reason.Contains("ban-tin-sang", StringComparison.Ordinal)).Subject;
        dup.Reason.Should().Contain(System.IO.Path.Combine(_bed.Folder, "a.yaml") + ":2:9");
    }

    [Fact]
    public void Two_normal_programmes_overlapping_in_a_zone_are_an_error_at_both()
    {
        var a = _bed.Write("a.yaml", """
            programmes:
              - id: ban-tin-sang
                title: Bản tin sáng
                zones: [khoi-1, khoi-2]
                content: [m-bantinsang]
                recurrence: { times: ["06:00"], days: [mon] }
            """);
        var b = _bed.Write("b.yaml", """
            programmes:
              - id: tin-de
                title: Dê Tân Kỳ
                zones: [khoi-2]
                content: [m-thongbaok3]
                recurrence: { times: ["06:09"], days: [mon] }
            """);

        var errors = _bed.Load().Errors;

        errors.Should().HaveCount(2);
        errors.Should().Contain(e => At(e, a, 2, 9) && e.Reason.Contains("tin-de", StringComparison.Ordinal) && e.Reason.Contains(b + ":2:9", StringComparison.Ordinal) && e.Reason.Contains("khoi-2", StringComparison.Ordinal));
        errors.Should().Contain(e => At(e, b, 2, 9) && e.Reason.Contains("ban-tin-sang", StringComparison.Ordinal) && e.Reason.Contains(a + ":2:9", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("[khoi-3]", "normal", true)]
    [InlineData("[khoi-2]", "priority", true)]
    [InlineData("[khoi-2]", "normal", false)]
    public void Overlap_matters_only_in_the_same_zone_and_class(string zones, string cls, bool valid)
    {
        _bed.Write("a.yaml", """
            programmes:
              - id: ban-tin-sang
                title: Bản tin sáng
                zones: [khoi-1, khoi-2]
                content: [m-bantinsang]
                recurrence: { times: ["06:00"] }
            """);
        _bed.Write("b.yaml", $$"""
            programmes:
              - id: chen
                title: Chèn
                class: {{cls}}
                zones: {{zones}}
                content: [m-thongbaok3]
                recurrence: { times: ["06:05"] }
            """);

        _bed.Load().IsValid.Should().Be(valid);
    }

    [Fact]
    public void Broken_yaml_is_reported_at_the_parsers_mark()
    {
        var file = _bed.Write("hong.yaml", "programmes:\n  - id: x\n    title: [unclosed\n");

        var error = _bed.Load().Errors.Should().ContainSingle().Subject;

        error.Location.File.Should().Be(file);
        error.Location.Line.Should().BeGreaterThan(2);
        error.Key.Should().Be("sched.err.yaml");
    }

    [Fact]
    public void Device_actions_are_checked_structurally()
    {
        var file = _bed.Write("thiet-bi.yaml", """
            actions:
              - id: led-sang
                target: { zones: [khoi-1], kind: led-board }
                set: { text: "Chào buổi sáng", Brightness: 80 }
                recurrence: { times: ["05:30"] }
              - id: wifi
                target: { zones: all, kind: toaster }
                set: {}
                recurrence: { times: ["05:00"] }
            """);

        var errors = _bed.Load().Errors;

        errors.Should().Contain(e => At(e, file, 4, 36) && e.Reason.Contains("Brightness", StringComparison.Ordinal));
        errors.Should().Contain(e => At(e, file, 7, 33) && e.Reason.Contains("toaster", StringComparison.Ordinal));
        errors.Should().Contain(e => At(e, file, 8, 10) && e.Key == "sched.err.emptySet");
    }

    private static bool At(ScheduleError e, string file, int line, int column) =>
        e.Location.File == file && e.Location.Line == line && e.Location.Column == column;
}
