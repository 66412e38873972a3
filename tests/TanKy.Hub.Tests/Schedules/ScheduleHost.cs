using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Quartz;
using TanKy.Hub.Broker;
using TanKy.Hub.Devices;
using TanKy.Hub.Schedules;
using TanKy.Hub.Schedules.Parsing;
using TanKy.Hub.Schedules.Scheduling;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Tests.Schedules;

/// <summary>
/// The programme services alone (store, Quartz on the test database, dispatcher, pre-cache) in a
/// generic host driven by the test bed's FakeTimeProvider. Stop it and start another on the same
/// database to test restarts.
/// </summary>
internal sealed class ScheduleHost : IAsyncDisposable
{
    private ScheduleHost(IHost host) => Host = host;

    public IHost Host { get; }

    public T Get<T>() where T : notnull => Host.Services.GetRequiredService<T>();

    public static async Task<ScheduleHost> StartAsync(ScheduleTestBed bed, RecordingPlayer player, RecordingMqtt? mqtt = null, TimeSpan? ahead = null, Action<IServiceCollection>? configure = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Warning);
        var s = builder.Services;
        s.AddSingleton<TimeProvider>(bed.Time);
        s.AddSingleton(bed.Dir.Db);
        s.AddSingleton(Options.Create(new HubOptions()));
        s.AddSingleton(Options.Create(new ScheduleOptions { Directory = bed.Folder, ScheduleAhead = ahead ?? TimeSpan.FromDays(8), RefreshInterval = TimeSpan.FromHours(1) }));
        s.AddSingleton(bed.Dir.Zones);
        s.AddSingleton(bed.Dir.Devices);
        s.AddSingleton(bed.Library);
        s.AddSingleton<IHubMqtt>(mqtt ?? new RecordingMqtt());
        s.AddSingleton<DesiredStateService>();
        s.AddSingleton<IScheduleReferenceSource>(new RegistryReferenceSource(bed.Dir.Zones, bed.Dir.Devices, bed.Library));
        s.AddSingleton<IProgrammePlayer>(player);
        configure?.Invoke(s);
        s.AddSchedulesCore(bed.Time);
        var host = builder.Build();

        // Started off xunit's synchronization context: Quartz's scheduler loop must not queue its
        // continuations behind the test runner's limited worker threads.
        await Task.Run(() => host.StartAsync());
        return new ScheduleHost(host);
    }

    /// <summary>Every stored occurrence ticket of a group (what Quartz will fire).</summary>
    public async Task<IReadOnlyList<ScheduledAiring>> StoredAiringsAsync()
    {
        var scheduler = await Get<ISchedulerFactory>().GetScheduler();
        var result = new List<ScheduledAiring>();
        foreach (var key in await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(OccurrenceTicket.ProgrammeGroup)))
        {
            var job = await scheduler.GetJobDetail(key);
            result.Add(OccurrenceTicket.FromJson(job!.JobDataMap.GetString(OccurrenceTicket.DataKey)!).Airing!);
        }

        return result;
    }

    /// <summary>
    /// Moves the fake clock and wakes Quartz's scheduler loop, which may be idling on a wait it
    /// computed from the clock before the move (resuming nothing signals a scheduling change).
    /// </summary>
    public async Task MoveClockAsync(FakeTimeProvider clock, DateTimeOffset to)
    {
        clock.SetUtcNow(to);
        await (await Get<ISchedulerFactory>().GetScheduler()).ResumeAll();
    }

    /// <summary>The earliest next fire time among stored triggers, or null when none is left.</summary>
    public async Task<DateTimeOffset?> NextFireAsync()
    {
        var scheduler = await Get<ISchedulerFactory>().GetScheduler();
        DateTimeOffset? next = null;
        foreach (var key in await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.AnyGroup()))
        {
            var t = (await scheduler.GetTrigger(key))?.NextFireTimeUtc;
            if (t is not null && (next is null || t < next))
            {
                next = t;
            }
        }

        return next;
    }

    public async Task StopAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await Host.StopAsync(cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Host.Dispose();
    }
}
