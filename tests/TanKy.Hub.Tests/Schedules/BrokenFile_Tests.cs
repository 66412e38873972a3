using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TanKy.Hub.Schedules;
using TanKy.Hub.Schedules.Model;
using TanKy.Hub.Schedules.Parsing;

namespace TanKy.Hub.Tests.Schedules;

/// <summary>A broken file never replaces the running programme; fixing it does.</summary>
public sealed class BrokenFile_Tests : IDisposable
{
    private readonly ScheduleTestBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public void A_broken_file_keeps_the_old_programme_and_names_file_line_and_column()
    {
        SampleWeek.WriteAll(_bed);
        var store = Store(_bed.Time);
        store.LoadAtStart();
        var before = store.Current!;

        var file = _bed.Write("hang-ngay.yaml", SampleWeek.Daily.Replace("times: [\"06:00\"]", "times: [\"6h sáng\"]", StringComparison.Ordinal));
        var result = store.Reload();

        result.IsValid.Should().BeFalse();
        store.Current.Should().BeSameAs(before);
        var error = store.LastErrors.Should().ContainSingle().Subject;
        error.ToString().Should().StartWith($"{file}:10:15: ").And.Contain("6h sáng");

        _bed.Write("hang-ngay.yaml", SampleWeek.Daily.Replace("times: [\"06:00\"]", "times: [\"06:30\"]", StringComparison.Ordinal));
        store.Reload().IsValid.Should().BeTrue();
        store.Current.Should().NotBeSameAs(before);
        store.LastErrors.Should().BeEmpty();
    }

    [Fact]
    public void A_restart_over_a_broken_folder_runs_the_last_valid_programme()
    {
        SampleWeek.WriteAll(_bed);
        Store(_bed.Time).LoadAtStart();
        _bed.Write("hang-ngay.yaml", "programmes: [");

        var restarted = Store(_bed.Time);
        restarted.LoadAtStart();

        restarted.Current!.Programmes.Select(p => p.Id).Should().Contain("ban-tin-sang");
        restarted.LastErrors.Should().ContainSingle().Which.Location.File.Should().EndWith("hang-ngay.yaml");
    }

    [Fact]
    public async Task The_watcher_reloads_after_the_file_is_fixed()
    {
        SampleWeek.WriteAll(_bed);
        var store = Store(TimeProvider.System);
        store.LoadAtStart();
        var changed = new TaskCompletionSource<ProgrammeSet>(TaskCreationOptions.RunContinuationsAsynchronously);
        store.Changed += (_, set) => changed.TrySetResult(set);
        var options = Options.Create(new ScheduleOptions { Directory = _bed.Folder, Debounce = TimeSpan.FromMilliseconds(100) });
        using var watcher = new ScheduleFolderWatcher(store, options, TimeProvider.System, NullLogger<ScheduleFolderWatcher>.Instance);
        await watcher.StartAsync(CancellationToken.None);

        _bed.Write("chen.yaml", SampleWeek.Priority.Replace("[mon, thu]", "[tue]", StringComparison.Ordinal));

        var set = await changed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        set.Programmes.Single(p => p.Id == "tin-huyen").Recurrence.Days.Should().Equal(DayOfWeek.Tuesday);
    }

    private ProgrammeStore Store(TimeProvider time) => new(
        Options.Create(new ScheduleOptions { Directory = _bed.Folder }),
        new RegistryReferenceSource(_bed.Dir.Zones, _bed.Dir.Devices, _bed.Library),
        new ScheduleSnapshotStore(_bed.Dir.Db, time),
        time,
        NullLogger<ProgrammeStore>.Instance,
        []);
}
