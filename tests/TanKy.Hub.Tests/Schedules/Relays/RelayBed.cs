using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TanKy.Hub.Broadcasts;
using TanKy.Hub.Broadcasts.Relay;
using TanKy.Hub.Media;
using TanKy.Hub.Schedules;
using TanKy.Hub.Schedules.Airing;
using TanKy.Hub.Schedules.History;
using TanKy.Hub.Schedules.Parsing;
using TanKy.Hub.Schedules.Relays;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Tests.Schedules.Relays;

/// <summary>
/// The programme's relay and recording services over the schedule test bed (its database, media
/// library and fake clock), with staged broadcasts, the fake sources registry and tone feeds. No
/// Quartz: tests call the player, the recorder and the relay follower themselves.
/// </summary>
internal sealed class RelayBed : IDisposable
{
    private readonly ServiceProvider _services;

    public RelayBed(IPcmFeedFactory? feeds = null)
    {
        Bed.AddMedia("m-xinloimats", 20);
        var s = new ServiceCollection();
        s.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        s.AddSingleton<TimeProvider>(Bed.Time);
        s.AddSingleton(Bed.Dir.Db);
        s.AddSingleton(Bed.Library);
        s.AddSingleton(Options.Create(new ScheduleOptions { Directory = Bed.Folder }));
        s.AddSingleton(Options.Create(new BroadcastOptions()));
        s.AddSingleton<IScheduleReferenceSource>(new SourcesReference(Bed));
        s.AddSingleton<ScheduleSnapshotStore>();
        s.AddSingleton<ProgrammeStore>();
        s.AddSingleton<ProgrammeHistory>();
        s.AddSingleton<RecordingStore>();
        s.AddSingleton<ProgrammeAlerts>();
        s.AddSingleton<RecordedClips>();
        s.AddSingleton<RelayAirings>();
        s.AddSingleton<SourceRecorder>();
        s.AddSingleton<BroadcastProgrammePlayer>();
        s.AddSingleton<IBroadcastService>(Broadcasts);
        s.AddSingleton<IRelaySources>(new FakeRelaySources());
        s.AddSingleton(feeds ?? new ToneFeeds());
        _services = s.BuildServiceProvider();
    }

    public ScheduleTestBed Bed { get; } = new();

    public StagedBroadcasts Broadcasts { get; } = new();

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Writes a schedule file and makes it the running programme.</summary>
    public void Programme(string yaml)
    {
        Bed.Write("relay.yaml", yaml);
        var result = Get<ProgrammeStore>().Reload();
        result.Errors.Should().BeEmpty();
    }

    public IReadOnlyList<HistoryRow> History() => Get<ProgrammeHistory>().Between(DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue.AddDays(-1));

    public void Dispose()
    {
        _services.Dispose();
        Bed.Dispose();
    }

    /// <summary>The bed's registry and library, plus the fake registry's sources.</summary>
    internal sealed class SourcesReference(ScheduleTestBed bed) : IScheduleReferenceSource
    {
        public ScheduleReferences Read() => bed.Refs with { Sources = new FakeRelaySources().List().Select(s => s.Id).ToHashSet() };
    }
}
