using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TanKy.Hub.Schedules;
using TanKy.Hub.Schedules.Editing;
using TanKy.Hub.Schedules.Parsing;
using TanKy.Hub.Schedules.Planning;

namespace TanKy.Hub.Tests.Schedules;

/// <summary>The sample week loaded into a real <see cref="ProgrammeStore"/>, with the console's <see cref="ProgrammeEditor"/> over it.</summary>
internal sealed class EditorBed : IDisposable
{
    public EditorBed()
    {
        SampleWeek.WriteAll(Bed);
        var options = Options.Create(new ScheduleOptions { Directory = Bed.Folder });
        var refs = new RegistryReferenceSource(Bed.Dir.Zones, Bed.Dir.Devices, Bed.Library);
        Store = new ProgrammeStore(options, refs, new ScheduleSnapshotStore(Bed.Dir.Db, Bed.Time), Bed.Time, NullLogger<ProgrammeStore>.Instance, []);
        Store.LoadAtStart();
        Editor = new ProgrammeEditor(Store, options, refs, Bed.Time, [], NullLogger<ProgrammeEditor>.Instance);
    }

    public ScheduleTestBed Bed { get; } = new();

    public ProgrammeStore Store { get; }

    public ProgrammeEditor Editor { get; }

    public void Dispose() => Bed.Dispose();
}
