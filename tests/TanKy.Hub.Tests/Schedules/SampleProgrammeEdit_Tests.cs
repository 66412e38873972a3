using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TanKy.Hub.Schedules;
using TanKy.Hub.Schedules.Editing;
using TanKy.Hub.Schedules.Parsing;
using TanKy.Hub.Tests.Support;
using TanKy.Hub.Schedules.DeviceActions;

namespace TanKy.Hub.Tests.Schedules;

/// <summary>Every programme of the repository's sample folder (but the cron one) opens in the console's form and saves back to the same airings.</summary>
public sealed class SampleProgrammeEdit_Tests : IDisposable
{
    private readonly TempDataDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Opening_and_saving_each_sample_programme_changes_no_airing_and_keeps_the_other_sections()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_dir.Path, "schedules")).FullName;
        foreach (var file in Directory.GetFiles(SampleProgramme_Tests.Folder()))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        var zones = Enumerable.Range(1, 6).SelectMany(i => new[] { $"khoi-{i}", $"xom-{i}" }).ToList();
        var refs = new Fixed(new ScheduleReferences(zones, new HashSet<string>(StringComparer.Ordinal), SampleProgramme_Tests.Clips));
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 2, 9, 0, 0, 0, TimeSpan.FromHours(7)));
        var options = Options.Create(new ScheduleOptions { Directory = folder });
        IDeviceActionValueValidator[] values = [new TanKy.Hub.Schedules.DeviceActions.DesiredSchemaActionValidator()];
        var store = new ProgrammeStore(options, refs, new ScheduleSnapshotStore(_dir.Db, time), time, NullLogger<ProgrammeStore>.Instance, values);
        store.LoadAtStart();
        var before = store.Current!;
        var agendaBefore = Airings(before, time);

        foreach (var p in before.Programmes)
        {
            var draft = new ProgrammeEditor(store, options, refs, time, values, NullLogger<ProgrammeEditor>.Instance).Load(p.Id);
            if (p.Recurrence.Cron is not null && !CronRule.TryRead(p.Recurrence.Cron, out _))
            {
                draft.Should().BeNull("a cron rule the form cannot say is edited by hand");
                continue;
            }

            draft.Should().NotBeNull(p.Id);
            var result = new ProgrammeEditor(store, options, refs, time, values, NullLogger<ProgrammeEditor>.Instance).Update(p.Id, draft!, "test");
            result.Saved.Should().BeTrue($"{p.Id}: {string.Join("; ", result.General.Concat(result.FieldErrors.Select(f => f.Key + ": " + string.Join(",", f.Value))))}");
        }

        var after = store.Current!;
        after.Fingerprint.Should().NotBe(before.Fingerprint, "the files were rewritten");
        Airings(after, time).Should().Equal(agendaBefore);
        after.Calendars.Keys.Should().BeEquivalentTo(before.Calendars.Keys);
        after.Actions.Select(a => a.Id).Should().Equal(before.Actions.Select(a => a.Id));
    }

    private static List<string> Airings(Hub.Schedules.Model.ProgrammeSet set, TimeProvider time) =>
        AgendaService.Compute(set, time.GetUtcNow(), TimeSpan.FromDays(56), null)
            .Select(e => $"{e.ProgrammeId} {e.Title} {e.Zone} {e.Class} {e.Start:O} {e.Duration} {e.Status}").ToList();

    private sealed class Fixed(ScheduleReferences refs) : IScheduleReferenceSource
    {
        public ScheduleReferences Read() => refs;
    }
}
