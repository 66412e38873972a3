using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TanKy.Hub.Schedules;
using TanKy.Hub.Schedules.Editing;
using TanKy.Hub.Schedules.Parsing;
using TanKy.Hub.Schedules.Planning;
using TanKy.Protocol;

namespace TanKy.Hub.Tests.Schedules;

/// <summary>The console's programme editor: the schedule validator decides, a refused change writes nothing.</summary>
public sealed class ProgrammeEditor_Tests : IDisposable
{
    private readonly EditorBed _e = new();

    private ScheduleTestBed _bed => _e.Bed;

    private ProgrammeStore _store => _e.Store;

    private ProgrammeEditor _editor => _e.Editor;

    public void Dispose() => _e.Dispose();

    private static ProgrammeDraft Draft(string id = "tin-nong-vu") => new()
    {
        Id = id,
        Title = "Tin nông vụ",
        Zones = ["khoi-2", "xom-5"],
        Playlist = "m-thongbaok3",
        ChimeBefore = "m-nhachieudn",
        Times = "07:30",
        Days = ["t3", "t6"],
        SkipOn = ["le-tet"],
        PlayLateWithin = "10m",
    };

    [Fact]
    public void A_valid_programme_is_written_loaded_and_on_the_agenda()
    {
        var result = _editor.Create(Draft(), "can-bo-vh");

        result.Saved.Should().BeTrue(string.Join("; ", result.General.Concat(result.FieldErrors.SelectMany(f => f.Value))));
        File.Exists(Path.Combine(_bed.Folder, "tin-nong-vu.yaml")).Should().BeTrue();
        _store.Current!.Programmes.Should().Contain(p => p.Id == "tin-nong-vu");
        var week = AgendaService.Compute(_store.Current, ScheduleTestBed.Monday, TimeSpan.FromDays(7), null).Where(e => e.ProgrammeId == "tin-nong-vu").ToList();
        week.Select(e => (e.Zone, e.Start, e.Status)).Should().BeEquivalentTo(new[]
        {
            ("khoi-2", SampleWeek.At(1, 7, 30), AgendaStatus.Planned), ("xom-5", SampleWeek.At(1, 7, 30), AgendaStatus.Planned),
            ("khoi-2", SampleWeek.At(4, 7, 30), AgendaStatus.SkippedHoliday), ("xom-5", SampleWeek.At(4, 7, 30), AgendaStatus.SkippedHoliday),
        });
    }

    [Fact]
    public void An_unknown_zone_and_a_bad_time_are_reported_on_their_fields_and_nothing_is_written()
    {
        var before = Directory.GetFiles(_bed.Folder).Order().ToList();
        var running = _store.Current;
        var badTime = Draft();
        badTime.Times = "07:30, 25:61";
        var unknownZone = Draft();
        unknownZone.Zones = ["khoi-2", "khoi-99"];

        var time = _editor.Create(badTime, "can-bo-vh");
        var zone = _editor.Create(unknownZone, "can-bo-vh");

        time.Saved.Should().BeFalse();
        time.ErrorsOf("times").Should().ContainSingle().Which.Should().Contain("25:61");
        zone.Saved.Should().BeFalse();
        zone.ErrorsOf("zones").Should().ContainSingle().Which.Should().Contain("khoi-99");
        time.General.Concat(zone.General).Should().BeEmpty();
        Directory.GetFiles(_bed.Folder).Order().Should().Equal(before);
        _store.Current.Should().BeSameAs(running);
    }

    [Fact]
    public void Empty_fields_are_refused_where_they_are_and_a_used_id_is_refused()
    {
        var empty = _editor.Create(new ProgrammeDraft { Id = "trong" }, "can-bo-vh");
        empty.ErrorsOf("title").Should().NotBeEmpty();
        empty.ErrorsOf("zones").Should().NotBeEmpty();
        empty.ErrorsOf("playlist").Should().NotBeEmpty();
        empty.ErrorsOf("times").Should().NotBeEmpty();

        _editor.Create(Draft("ban-tin-sang"), "can-bo-vh").ErrorsOf("id").Should().ContainSingle().Which.Should().Contain("sched.edit.idTaken");
        _editor.Create(Draft("Sai Mã!"), "can-bo-vh").ErrorsOf("id").Should().ContainSingle();
    }

    [Fact]
    public void An_overlap_with_a_running_programme_is_refused()
    {
        var draft = Draft();
        draft.Zones = ["khoi-1"];
        draft.Times = "06:02";
        draft.Days = [];

        var result = _editor.Create(draft, "can-bo-vh");

        result.Saved.Should().BeFalse();
        result.FieldErrors.Values.SelectMany(e => e).Concat(result.General).Should().Contain(e => e.Contains("ban-tin-sang"));
        File.Exists(Path.Combine(_bed.Folder, "tin-nong-vu.yaml")).Should().BeFalse();
    }

    [Fact]
    public void Form_text_cannot_add_yaml_structure()
    {
        var draft = Draft();
        draft.Title = "Tin \"gấp\"\n  class: priority # x";

        _editor.Create(draft, "can-bo-vh").Saved.Should().BeTrue();

        var p = _store.Current!.Programmes.Single(x => x.Id == "tin-nong-vu");
        p.Title.Should().Be("Tin \"gấp\"\n  class: priority # x");
        p.Class.Should().Be(BulletinClass.Normal);
    }

    [Fact]
    public void Editing_a_programme_in_a_shared_file_changes_only_its_item()
    {
        var path = Path.Combine(_bed.Folder, "hang-ngay.yaml");
        var draft = _editor.Load("hop-khoi-3")!;
        draft.Times.Should().Be("19:00");
        draft.Dates.Should().Be("2026-04-29");
        draft.Times = "20:15";

        _editor.Update("hop-khoi-3", draft, "can-bo-vh").Saved.Should().BeTrue();

        var text = File.ReadAllText(path);
        text.Should().StartWith(SampleWeek.Daily[..SampleWeek.Daily.IndexOf("  - id: hop-khoi-3", StringComparison.Ordinal)]);
        text.Should().Contain("\"20:15\"").And.NotContain("19:00");
        _store.Current!.Programmes.Single(p => p.Id == "hop-khoi-3").Recurrence.Times.Should().Equal(new TimeOnly(20, 15));
        _store.Current.Programmes.Single(p => p.Id == "ban-tin-sang").Recurrence.Times.Should().Equal(new TimeOnly(6, 0));
    }

    [Fact]
    public void An_edit_finds_the_item_in_the_file_as_it_is_now_not_where_the_loaded_programme_was()
    {
        var path = Path.Combine(_bed.Folder, "hang-ngay.yaml");
        File.WriteAllText(path, "# dòng mới\n# thêm một dòng\n" + SampleWeek.Daily);
        var draft = _editor.Load("hop-khoi-3")!;
        draft.Title = "Họp dân Khối 3 (dời giờ)";

        _editor.Update("hop-khoi-3", draft, "can-bo-vh").Saved.Should().BeTrue();

        _store.Current!.Programmes.Single(p => p.Id == "hop-khoi-3").Title.Should().Be("Họp dân Khối 3 (dời giờ)");
        _store.Current.Programmes.Single(p => p.Id == "ban-tin-sang").Title.Should().Be("Bản tin sáng");
        File.ReadAllText(path).Should().StartWith("# dòng mới\n# thêm một dòng\nprogrammes:\n  - id: ban-tin-sang\n");
    }

    [Fact]
    public void Every_n_days_and_every_n_weeks_round_trip_through_the_form()
    {
        _bed.Write("cach-ngay.yaml", """
            programmes:
              - id: tin-de
                title: Tin thị trường
                zones: [khoi-2]
                content: [m-thongbaok3]
                recurrence:
                  times: ["06:30"]
                  every: 2 days
                  anchor: 2026-04-28
              - id: tin-tuan
                title: Tin hai tuần một lần
                zones: [xom-5]
                content: [m-thongbaok3]
                recurrence: { times: ["18:35"], every: 2 weeks, anchor: 2026-05-01 }
            """);
        _store.Reload().IsValid.Should().BeTrue();
        var before = _store.Current!.Programmes.ToDictionary(p => p.Id, p => p.Recurrence);

        foreach (var id in new[] { "tin-de", "tin-tuan" })
        {
            var draft = _editor.Load(id)!;
            draft.Title += " (sửa)";
            var result = _editor.Update(id, draft, "can-bo-vh");
            result.Saved.Should().BeTrue(string.Join("; ", result.General.Concat(result.FieldErrors.SelectMany(f => f.Value))));
        }

        var de = _store.Current!.Programmes.Single(p => p.Id == "tin-de").Recurrence;
        (de.Every, de.Unit, de.Anchor).Should().Be((2, Hub.Schedules.Model.RecurrenceUnit.Days, new DateOnly(2026, 4, 28)));
        var tuan = _store.Current.Programmes.Single(p => p.Id == "tin-tuan").Recurrence;
        (tuan.Every, tuan.Unit, tuan.Anchor).Should().Be((2, Hub.Schedules.Model.RecurrenceUnit.Weeks, new DateOnly(2026, 5, 1)));
        tuan.Days.Should().BeEquivalentTo(before["tin-tuan"].Days);
        var draftDe = _editor.Load("tin-de")!;
        draftDe.Repeat.Should().Be("everydays");
        draftDe.EveryCount.Should().Be("2");
        draftDe.Repeat = "";
        draftDe.Days = ["t2"];
        _editor.Update("tin-de", draftDe, "can-bo-vh").ErrorsOf("days").Should().ContainSingle("every N days cannot have days (a draft made in code)");
    }

    [Fact]
    public void A_refused_edit_leaves_the_file_byte_for_byte()
    {
        var path = Path.Combine(_bed.Folder, "hang-ngay.yaml");
        var bytes = File.ReadAllBytes(path);
        var draft = _editor.Load("hop-khoi-3")!;
        draft.Playlist = "m-khongcogi";

        var result = _editor.Update("hop-khoi-3", draft, "can-bo-vh");

        result.ErrorsOf("playlist").Should().ContainSingle().Which.Should().Contain("m-khongcogi");
        File.ReadAllBytes(path).Should().Equal(bytes);
    }

    [Fact]
    public void A_file_the_hub_cannot_write_is_a_clear_refusal_not_a_crash()
    {
        // A folder where the file should go: the rename fails as a full or read-only disk would.
        Directory.CreateDirectory(Path.Combine(_bed.Folder, "tin-nong-vu.yaml"));

        var result = _editor.Create(Draft(), "can-bo-vh");

        result.Saved.Should().BeFalse();
        result.General.Should().ContainSingle().Which.Should().Contain("sched.edit.cannotWrite");
        _store.Current!.Programmes.Should().NotContain(p => p.Id == "tin-nong-vu");
        Directory.GetFiles(_bed.Folder, "*.tmp", new EnumerationOptions { AttributesToSkip = 0 }).Should().BeEmpty();
    }

    [Fact]
    public void Deleting_removes_the_item_or_the_console_file()
    {
        _editor.Create(Draft(), "can-bo-vh").Saved.Should().BeTrue();

        _editor.Delete("tin-nong-vu", "can-bo-vh").Saved.Should().BeTrue();
        File.Exists(Path.Combine(_bed.Folder, "tin-nong-vu.yaml")).Should().BeFalse();

        _editor.Delete("hop-khoi-3", "can-bo-vh").Saved.Should().BeTrue();
        _store.Current!.Programmes.Select(p => p.Id).Should().BeEquivalentTo("ban-tin-sang", "tin-huyen");
        _editor.Delete("khong-co", "can-bo-vh").General.Should().ContainSingle();
    }

    [Fact]
    public void A_file_span_is_the_item_without_the_comments_after_it()
    {
        const string Text = "programmes:\n  - id: a\n    title: A\n\n    # inside\n    zones: all\n\n# about b\n  - id: b\n    title: B\ncalendars: []";

        var span = ProgrammeFileSpan.Locate(Text, 2, 5)!;

        (span.Start, span.End, span.DashColumn).Should().Be((1, 6, 2));
        span.Replace("  - id: c\n").Should().Be("programmes:\n  - id: c\n\n# about b\n  - id: b\n    title: B\ncalendars: []\n");
        ProgrammeFileSpan.Locate("programmes: [{id: a}]", 1, 15).Should().BeNull();
    }
}
