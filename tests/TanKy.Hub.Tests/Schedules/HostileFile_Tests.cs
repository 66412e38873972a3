using System.CommandLine;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TanKy.Hub.Schedules;
using TanKy.Hub.Schedules.Editing;
using TanKy.Hub.Schedules.Parsing;
using TanKy.Hub.Shared.Cli;

namespace TanKy.Hub.Tests.Schedules;

/// <summary>
/// Issue #14: a programme file nested 50,000 deep overflowed YamlDotNet's stack and killed the
/// hub (at every start, too); a 33 MB one took it to 1.12 GB. Both are now refused with
/// file:line:column by the one shared check, and the running programme stays. (Were the depth
/// not checked, these tests would not fail: the test process itself would die.)
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class HostileFile_Tests : IDisposable
{
    private const int Deep = 50_000;
    private readonly ScheduleTestBed _bed = new();

    public void Dispose() => _bed.Dispose();

    /// <summary>About 100 KB: <c>programmes: [[[[…</c>, the attack of the issue.</summary>
    private static string Nested() => "programmes: " + new string('[', Deep) + new string(']', Deep) + "\n";

    [Fact]
    public void A_50000_deep_file_is_refused_at_the_collection_that_goes_too_deep_and_the_programme_stays()
    {
        SampleWeek.WriteAll(_bed);
        var store = Store();
        store.LoadAtStart();
        var before = store.Current!;

        var file = _bed.Write("tan-cong.yaml", Nested());
        var result = store.Reload();

        result.IsValid.Should().BeFalse();
        store.Current.Should().BeSameAs(before, "the last valid programme keeps running");
        // Depth 1 is the root mapping, so the 64th '[' (column 13 + 63) is the 65th level.
        store.LastErrors.Should().ContainSingle().Which.ToString().Should().StartWith($"{file}:1:76: ").And.Contain("nested deeper than 64 levels");
    }

    [Fact]
    public void A_33_MB_file_is_refused_unread_at_line_1()
    {
        SampleWeek.WriteAll(_bed);
        var store = Store();
        store.LoadAtStart();
        var before = store.Current!;
        var file = Path.Combine(_bed.Folder, "khong-lo.yaml");
        using (var w = new StreamWriter(file))
        {
            w.Write("programmes:\n");
            var line = "  # " + new string('x', 1020) + "\n";
            for (var i = 0; i < 33 * 1024; i++)
            {
                w.Write(line);
            }
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var result = store.Reload();
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        result.IsValid.Should().BeFalse();
        store.Current.Should().BeSameAs(before);
        store.LastErrors.Should().ContainSingle().Which.ToString().Should().StartWith($"{file}:1:1: ").And.Contain("file too large").And.Contain("limit 1048576");
        allocated.Should().BeLessThan(8L * 1024 * 1024, "the 33 MB file is never read into memory (the other files are a few KB)");
    }

    [Fact]
    public void A_restart_over_a_deep_file_runs_the_last_valid_programme()
    {
        SampleWeek.WriteAll(_bed);
        Store().LoadAtStart();
        _bed.Write("tan-cong.yaml", Nested());

        var restarted = Store();
        restarted.LoadAtStart();

        restarted.Current!.Programmes.Select(p => p.Id).Should().Contain("ban-tin-sang");
        restarted.LastErrors.Should().ContainSingle().Which.Location.File.Should().EndWith("tan-cong.yaml");
    }

    [Fact]
    public void The_caps_are_configurable()
    {
        SampleWeek.WriteAll(_bed);
        var file = _bed.Write("sau.yaml", "programmes: [[[[[[[[[[]]]]]]]]]]\n");

        var store = Store(new ScheduleOptions { Directory = _bed.Folder, MaxNestingDepth = 8 });
        store.Reload().Errors.Should().ContainSingle().Which.ToString().Should().StartWith($"{file}:1:20: ");

        File.Delete(file);
        var big = _bed.Write("dai.yaml", "programmes: []\n# " + new string('x', 2000) + "\n");
        var small = Store(new ScheduleOptions { Directory = _bed.Folder, MaxFileBytes = 2000 });
        small.Reload().Errors.Should().ContainSingle().Which.ToString().Should().StartWith($"{big}:1:1: ").And.Contain("limit 2000");
    }

    [Fact]
    public async Task Schedules_check_reports_the_deep_file_and_exits_1()
    {
        SampleWeek.WriteAll(_bed);
        var file = _bed.Write("tan-cong.yaml", Nested());

        var (code, output) = await Run("schedules", "check", _bed.Folder);

        code.Should().Be(1);
        output.Trim().Split('\n').Should().ContainSingle().Which.Should().StartWith($"{file}:1:76: ");
    }

    [Fact]
    public void The_editor_refuses_to_save_while_a_deep_file_is_in_the_folder_and_writes_nothing()
    {
        SampleWeek.WriteAll(_bed);
        var options = Options.Create(new ScheduleOptions { Directory = _bed.Folder });
        var refs = new RegistryReferenceSource(_bed.Dir.Zones, _bed.Dir.Devices, _bed.Library);
        var store = Store();
        store.LoadAtStart();
        var editor = new ProgrammeEditor(store, options, refs, _bed.Time, [], NullLogger<ProgrammeEditor>.Instance);
        _bed.Write("tan-cong.yaml", Nested());

        var result = editor.Create(new ProgrammeDraft { Id = "tin-nong-vu", Title = "Tin nông vụ", Zones = ["khoi-2"], Playlist = "m-thongbaok3", Times = "07:30", Days = ["t3"] }, "can-bo-vh");

        result.Saved.Should().BeFalse();
        string.Join("\n", result.General).Should().Contain("tan-cong.yaml").And.Contain("nested deeper than 64 levels");
        File.Exists(Path.Combine(_bed.Folder, "tin-nong-vu.yaml")).Should().BeFalse();
    }

    private ProgrammeStore Store(ScheduleOptions? options = null) => new(
        Options.Create(options ?? new ScheduleOptions { Directory = _bed.Folder }),
        new RegistryReferenceSource(_bed.Dir.Zones, _bed.Dir.Devices, _bed.Library),
        new ScheduleSnapshotStore(_bed.Dir.Db, _bed.Time),
        _bed.Time,
        NullLogger<ProgrammeStore>.Instance,
        []);

    private Task<(int Code, string Output)> Run(params string[] args) => ScheduleCli.RunAsync(_bed.Path, args);
}
