using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;
using TanKy.EndToEnd.Tests.SimulatorAudio.Driven;
using TanKy.Hub.Broadcasts;
using TanKy.Hub.Broadcasts.Sources;
using TanKy.Hub.Broker;
using TanKy.Hub.Devices;
using TanKy.Hub.Schedules;
using TanKy.Hub.Schedules.Airing;
using TanKy.Hub.Schedules.Parsing;
using TanKy.Hub.Schedules.Precache;
using MsOptions = Microsoft.Extensions.Options.Options;
using TanKy.Hub.Shared;
using TanKy.Hub.Media.Demo;

namespace TanKy.EndToEnd.Tests.Programme;

/// <summary>
/// The hub's programme on a <see cref="DrivenClock"/>: the schedule folder, Quartz on the test
/// database (its own clock the driven one), the real airing player and pre-cache publisher, over
/// the <see cref="DrivenHub"/>'s broadcast service and airwaves; one speaker zone (khoi-1) with the
/// programme clips of <see cref="ProgrammeCommune"/>. Airtime is set before start; the driver then
/// moves the clock through the trigger, the player's wake and the airing.
/// </summary>
internal sealed class DrivenProgramme : IAsyncDisposable
{
    public const string Zone = "khoi-1";
    public const string Speaker = "loa-khoi-1-a";

    private readonly IHost _host;

    private DrivenProgramme(DrivenHub hub, IHost host, DateTimeOffset airtime)
    {
        Hub = hub;
        _host = host;
        Airtime = airtime;
    }

    public DrivenHub Hub { get; }

    public DrivenClock Clock => Hub.Clock;

    public DateTimeOffset Airtime { get; }

    public long AirtimeMicros => global::TanKy.Hub.Broadcasts.Clock.HubClock.ToMicros(Airtime);

    public string AiringId => global::TanKy.Hub.Schedules.Planning.OccurrenceKeys.AiringId("tin-thu", Airtime);

    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    /// <summary>
    /// A programme "tin-thu" (chime + 8 s bulletin, <paramref name="onPreempt"/>) airing
    /// <paramref name="ahead"/> from the clock's start, the hub started on it with a stream lead of <paramref name="leadMs"/>.
    /// </summary>
    public static async Task<DrivenProgramme> StartAsync(DrivenClock clock, TimeSpan ahead, string onPreempt = "resume", int leadMs = 400)
    {
        var hub = new DrivenHub(clock, new BroadcastOptions { LeadMs = leadMs });
        hub.Dir.Zones.Add(Zone, "Khối 1");
        hub.AddSpeaker(Speaker, Zone);
        Store(hub, ProgrammeCommune.Chime, TimeSpan.FromSeconds(1));
        Store(hub, ProgrammeCommune.Bulletin, TimeSpan.FromSeconds(8));
        Store(hub, ProgrammeCommune.Alarm, TimeSpan.FromSeconds(2));
        var schedules = Directory.CreateDirectory(Path.Combine(hub.Dir.Path, "schedules")).FullName;
        var airtime = clock.Time.GetUtcNow() + ahead;
        ProgrammeCommune.WriteProgramme(schedules, "tin-thu", airtime, onPreempt);

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Warning);
        var s = builder.Services;
        s.AddSingleton<TimeProvider>(hub.Time);
        s.AddSingleton(hub.Dir.Db);
        s.AddSingleton(MsOptions.Create(new HubOptions()));
        s.AddSingleton(MsOptions.Create(new ScheduleOptions { Directory = schedules, RefreshInterval = TimeSpan.FromHours(1), PrecacheBaseUrl = "http://hub.test" }));
        s.AddSingleton(MsOptions.Create(hub.Options));
        s.AddSingleton(hub.Dir.Zones);
        s.AddSingleton(hub.Dir.Devices);
        s.AddSingleton(hub.Library);
        s.AddSingleton<IHubMqtt>(hub.Air);
        s.AddSingleton<IBroadcastService>(hub.Service);
        s.AddSingleton<DesiredStateService>();
        s.AddSingleton<IScheduleReferenceSource>(new RegistryReferenceSource(hub.Dir.Zones, hub.Dir.Devices, hub.Library));
        // The player's wait is parked work of the hub (Quartz registers its own clock as the TimeProvider: same time, not counted).
        s.AddSingleton<IProgrammePlayer>(sp => ActivatorUtilities.CreateInstance<BroadcastProgrammePlayer>(sp, (TimeProvider)hub.Time));
        s.AddSingleton(MsOptions.Create(new AiringOutcomeReconcilerOptions { OutcomeInterval = TimeSpan.FromHours(1) }));
        s.AddSingleton<AiringOutcomeReconciler>();

        // Quartz reads the driven clock directly: its own waits are not the hub's parked work.
        s.AddSchedulesCore(clock.Time);
        var host = builder.Build();

        // Off xunit's synchronization context: Quartz's loop must not queue behind the test runner.
        await Task.Run(() => host.StartAsync());

        // Created now: it treats airings fired before its creation as a previous run's.
        host.Services.GetRequiredService<AiringOutcomeReconciler>();
        return new DrivenProgramme(hub, host, airtime);
    }

    /// <summary>Publishes the nodes' cache orders now (as the publisher's refresh would) and returns how many it sent.</summary>
    public Task<int> PublishCacheOrdersAsync() => Task.Run(() => Get<PrecachePublisher>().PublishAsync());

    /// <summary>A speaker node in khoi-1 whose clock is <paramref name="offset"/> off; it downloads clips straight from the hub's files.</summary>
    public DrivenNode AddNode(TimeSpan offset)
    {
        var files = new StreamFileInfo(Hub.Library);
        return new DrivenNode(Clock, Hub.Air, Speaker, offset, order => File.ReadAllBytes(files.PathOf(order.Media)));
    }

    /// <summary>Frames of a clip and, for the first clip of the airing, its pre-skip as µs of play-out.</summary>
    public int FramesOf(string media) => Hub.Library.Get(media)!.Frames;

    public long PreSkipMicrosOf(string media) => Hub.Library.Get(media)!.PreSkip * 1_000_000L / 48_000;

    /// <summary>The agenda's cache state of the speaker for the airing (ready, pending, failed, unknown).</summary>
    public string? AgendaState() =>
        Get<AgendaService>().Build(1, Zone).FirstOrDefault(e => e.ProgrammeId == "tin-thu")?.Nodes.FirstOrDefault(n => n.DeviceId == Speaker)?.State;

    /// <summary>
    /// Moves the clock to the trigger (ArmAhead before airtime), lets Quartz fire it and waits until
    /// the airing player is parked on its wait for the stream lead before airtime.
    /// </summary>
    public async Task FireTriggerAsync()
    {
        await Hub.RunUntilAsync(AirtimeMicros - (long)new ScheduleOptions().ArmAhead.TotalMicroseconds);
        var scheduler = await Get<ISchedulerFactory>().GetScheduler();
        await scheduler.ResumeAll();
        try
        {
            await Hub.Time.WaitParkedAsync(() => 1);
        }
        catch (TimeoutException)
        {
            var dump = new List<string> { $"now {Clock.Time.GetUtcNow():O}, airtime {Airtime:O}" };
            foreach (var key in await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.AnyGroup()))
            {
                var t = await scheduler.GetTrigger(key);
                dump.Add($"{key}: {await scheduler.GetTriggerState(key)} next {t?.NextFireTimeUtc:O} start {t?.StartTimeUtc:O}");
            }

            using var c = Hub.Dir.Db.Open();
            dump.AddRange(c.Query<(string, string)>("SELECT airing_id, outcome FROM programme_history").Select(r => $"history {r.Item1} {r.Item2}"));
            throw new TimeoutException(string.Join("; ", dump));
        }
    }

    /// <summary>Moves the clock to the player's wake and waits until the airing's stream is on the air.</summary>
    public async Task StartAiringAsync()
    {
        await Hub.RunUntilAsync(AirtimeMicros - Hub.Options.LeadMs * 1000L - 100_000);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Hub.Service.RunningStreams == 0)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the player woke and asked for the broadcast");
            await Task.Delay(TimeSpan.FromMilliseconds(1), TimeProvider.System);
        }
    }

    /// <summary>The airing's history outcome in khoi-1 after one pass of the outcome reconciler; the reason in English.</summary>
    public (string Outcome, string? Reason, string? BroadcastId) Outcome()
    {
        Get<AiringOutcomeReconciler>().ReconcileOnce();
        using var c = Hub.Dir.Db.Open();
        var (outcome, reason, broadcastId) = c.QuerySingle<(string, string?, string?)>(
            "SELECT outcome, reason, broadcast_id FROM programme_history WHERE programme_id = 'tin-thu' AND zone = @zone AND outcome <> 'planned'", new { zone = Zone });
        return (outcome, TanKy.Hub.Schedules.History.HistoryReason.Render(reason, "en"), broadcastId);
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _host.StopAsync(stop.Token);
        _host.Dispose();
        Hub.Dispose();
    }

    private static void Store(DrivenHub hub, string id, TimeSpan length) =>
        global::TanKy.Hub.Media.Demo.DemoMedia.Store(hub.Dir.Db, id, id, length, SignalEncoder.TestSignal, "test").Should().NotBeNull();
}
