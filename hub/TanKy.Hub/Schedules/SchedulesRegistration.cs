using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;
using TanKy.Hub.Schedules.History;
using TanKy.Hub.Schedules.Parsing;
using TanKy.Hub.Schedules.Precache;
using TanKy.Hub.Schedules.Scheduling;
using TanKy.Hub.Shared;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Schedules;

public static class SchedulesRegistration
{
    /// <summary>
    /// The programme: options (section <c>Schedules</c>), the folder watcher, Quartz on the hub's
    /// SQLite file, agenda, history and pre-cache, and device actions run through device control's
    /// bulk path and rules (needs AddDeviceControl); airings play as broadcasts (needs AddBroadcasts).
    /// </summary>
    public static IServiceCollection AddSchedules(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<IProgrammePlayer, Airing.BroadcastProgrammePlayer>();
        services.AddSingleton<IDeviceActionRunner, DeviceActions.ProgrammeDeviceActionRunner>();
        services.AddSingleton<IDeviceActionValueValidator, DeviceActions.DesiredSchemaActionValidator>();
        services.AddOptions<ScheduleOptions>()
            .Bind(config.GetSection(ScheduleOptions.Section))
            .Validate(o => o.Problems().Count == 0, "invalid Schedules settings: see ScheduleOptions.Problems()")
            .ValidateOnStart();
        services.AddSingleton<IScheduleReferenceSource, RegistryReferenceSource>();
        services.AddSchedulesCore(quartzTime: null);
        services.AddHostedService<ScheduleFolderWatcher>();
        return services;
    }

    /// <summary>
    /// Everything but the folder watcher and the reference source, for the hub and for tests.
    /// Quartz stores its jobs in the registered <see cref="Database"/> (the hub's SQLite file, read
    /// when the scheduler is built, not now) and takes <paramref name="quartzTime"/> when given,
    /// else the container's TimeProvider.
    /// A player or device-action runner registered before this call is used; otherwise log-only
    /// stand-ins (tests that need neither).
    /// </summary>
    public static IServiceCollection AddSchedulesCore(this IServiceCollection services, TimeProvider? quartzTime)
    {
        services.TryAddSingleton<IProgrammePlayer, LoggingProgrammePlayer>();
        services.TryAddSingleton<IDeviceActionRunner, LoggingDeviceActionRunner>();
        services.AddSingleton<ScheduleSnapshotStore>();
        services.AddSingleton<ProgrammeStore>();
        services.AddSingleton<ProgrammeHistory>();
        services.AddSingleton<SchedulePlan>();
        services.AddSingleton<OccurrenceDispatcher>();
        services.AddTransient<ProgrammeOccurrenceJob>();
        services.AddSingleton<StreamFileInfo>();
        services.AddSingleton<PrecacheGrants>();
        services.AddSingleton<CacheStateReader>();
        services.AddSingleton<AgendaService>();
        services.AddSingleton<Editing.ProgrammeEditor>();
        services.AddQuartz(q =>
        {
            if (quartzTime is not null)
            {
                q.UseTimeProvider(quartzTime);
            }

            // Quartz keys stored jobs by scheduler name and wants names unique per process: one
            // stable name per database file gives both (tests run several hubs in one process).
            // Both the name and the connection string come from the Database singleton when
            // Quartz resolves its options (below), not from configuration read here.
            q.Services.AddOptions<QuartzSchedulerOptions>(q.SchedulerName)
                .Configure<Database>((o, db) => o.InstanceName = SchedulerName(db.ConnectionString));
            q.UseDefaultTimeZone(CommuneTime.Zone);
            q.UsePersistentStore(s =>
            {
                s.UseDataSource(QuartzDataSource);
                s.UseSqlite(_ => { });
                s.ProvisionSchema();
                s.ConfigureStore(o => o.StoreJobDataAsStrings = true);
            });
        });
        services.AddOptions<DataSourceOptions>(QuartzDataSource)
            .Configure<Database>((o, db) => o.ConnectionString = db.ConnectionString);
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddSingleton<ProgrammeScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<ProgrammeScheduler>());
        services.AddSingleton<PrecachePublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<PrecachePublisher>());
        services.AddSchedulesRelays();
        return services;
    }

    /// <summary>
    /// Relays and recordings in the programme (issue #18): relay airings followed after preemptions,
    /// recordings resolved for airings and pre-cache, the recorder and its scheduler, the health check
    /// ahead of airtime and the programme's alerts. The relay sources and feeds (IRelaySources,
    /// IPcmFeedFactory) are the broadcasts feature's; without them recordings fail and probes say unreachable.
    /// </summary>
    private static void AddSchedulesRelays(this IServiceCollection services)
    {
        services.AddSingleton<Relays.RecordingStore>();
        services.AddSingleton<Relays.ProgrammeAlerts>();
        services.AddSingleton<Relays.RecordedClips>();
        services.AddSingleton<Airing.RelayAirings>();
        services.AddSingleton<Relays.SourceRecorder>();
        services.TryAddSingleton<Relays.ISourceProbe, Relays.FeedSourceProbe>();
        services.AddSingleton<Relays.RecordingScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<Relays.RecordingScheduler>());
        services.AddSingleton<Relays.SourceHealthCheck>();
        services.AddHostedService(sp => sp.GetRequiredService<Relays.SourceHealthCheck>());
    }

    /// <summary>The name Quartz's data source options are registered under (the hub's database).</summary>
    internal const string QuartzDataSource = "tanky-hub";

    internal static string SchedulerName(string connectionString) =>
        "tanky-programme-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(connectionString)))[..12];
}
