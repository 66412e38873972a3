using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using TanKy.Hub.Schedules.History;
using TanKy.Hub.Schedules.Model;
using TanKy.Hub.Schedules.Planning;

namespace TanKy.Hub.Schedules.Scheduling;

/// <summary>
/// Keeps Quartz's persistent store equal to the programme: one one-shot trigger per occurrence
/// in a rolling window (<see cref="ScheduleOptions.ScheduleAhead"/>), produced by the same
/// <see cref="OccurrenceExpander"/> as the agenda. A reload swaps the plan in one reference
/// (so stale triggers stop playing at once), then deletes triggers of removed occurrences and
/// stores new or changed ones. Triggers already due are never deleted: after a restart they
/// fire late and the misfire policy decides.
/// </summary>
internal sealed class ProgrammeScheduler(
    ISchedulerFactory factory,
    ProgrammeStore store,
    SchedulePlan plan,
    ProgrammeHistory history,
    IOptions<ScheduleOptions> options,
    TimeProvider time,
    ILogger<ProgrammeScheduler> log) : IHostedService, IDisposable
{
    /// <summary>How far back the plan still vouches for occurrences (longest sensible play_late_within).</summary>
    public static readonly TimeSpan Lookback = TimeSpan.FromHours(24);

    private readonly SemaphoreSlim _sync = new(1, 1);
    private readonly Dictionary<string, string> _stored = new(StringComparer.Ordinal);
    private IScheduler? _scheduler;
    private ITimer? _timer;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        store.LoadAtStart();
        _scheduler = await factory.GetScheduler(cancellationToken);
        await SyncAsync(cancellationToken);
        store.Changed += OnChanged;
        var every = options.Value.RefreshInterval;
        _timer = time.CreateTimer(_ => _ = SyncQuietlyAsync(), null, every, every);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        store.Changed -= OnChanged;
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _sync.Dispose();
    }

    /// <summary>Brings the job store in line with the current programme and the current time.</summary>
    public async Task SyncAsync(CancellationToken ct = default)
    {
        if (store.Current is not { } set || _scheduler is null)
        {
            return;
        }

        await _sync.WaitAsync(ct);
        try
        {
            var now = time.GetUtcNow();
            var (from, to) = (now - Lookback, now + options.Value.ScheduleAhead);
            var occurrences = OccurrenceExpander.Expand(set, from, to);
            var tickets = occurrences.Where(o => o.SkippedBy is null).Select(OccurrenceTicket.For)
                .Concat(OccurrenceExpander.ExpandActions(set, from, to).Where(a => a.SkippedBy is null).Select(a => OccurrenceTicket.For(a.Action, a.At, set.KnownZones)))
                .ToList();
            plan.Replace(tickets.ToDictionary(t => t.Group + "/" + t.Key, t => t.Fingerprint, StringComparer.Ordinal), from, to);
            var future = tickets.Where(t => t.Start > now).ToDictionary(t => t.Group + "/" + t.Key, StringComparer.Ordinal);
            await RemoveStaleAsync(future, now, ct);
            await StoreAsync(future.Values, ct);
            history.Plan(occurrences.Where(o => o.Start > now));
        }
        finally
        {
            _sync.Release();
        }
    }

    private async Task RemoveStaleAsync(Dictionary<string, OccurrenceTicket> future, DateTimeOffset now, CancellationToken ct)
    {
        var stale = new List<JobKey>();
        foreach (var group in new[] { OccurrenceTicket.ProgrammeGroup, OccurrenceTicket.ActionGroup })
        {
            foreach (var key in await _scheduler!.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(group), ct))
            {
                var id = group + "/" + key.Name;
                if (OccurrenceKeys.TryParse(key.Name, out var programme, out var start) && start > now && !future.ContainsKey(id))
                {
                    stale.Add(key);
                    _stored.Remove(id);
                    if (group == OccurrenceTicket.ProgrammeGroup)
                    {
                        history.Unplan(programme, start);
                    }
                }
                else if (!_stored.ContainsKey(id) && await _scheduler!.GetJobDetail(key, ct) is { } job && job.JobDataMap.GetString(OccurrenceTicket.DataKey) is { } json)
                {
                    _stored[id] = OccurrenceTicket.FromJson(json).Fingerprint;
                }
            }
        }

        if (stale.Count > 0)
        {
            await _scheduler!.DeleteJobs(stale, ct);
            log.LogInformation("Removed {Count} scheduled occurrences that the programme no longer has", stale.Count);
        }
    }

    private async Task StoreAsync(IEnumerable<OccurrenceTicket> tickets, CancellationToken ct)
    {
        var batch = new Dictionary<IJobDetail, IReadOnlyCollection<ITrigger>>();
        foreach (var t in tickets.Where(t => !_stored.TryGetValue(t.Group + "/" + t.Key, out var fp) || fp != t.Fingerprint))
        {
            // Recovery: a job that was running when the process died (killed between its early
            // firing and the broadcast starting) runs again at the next start, late, under its misfire policy.
            var job = JobBuilder.Create<ProgrammeOccurrenceJob>().WithIdentity(t.Key, t.Group).UsingJobData(OccurrenceTicket.DataKey, t.ToJson()).RequestRecovery().Build();
            // Airings fire early so their first sound can be at airtime (BroadcastProgrammePlayer).
            var fireAt = t.Group == OccurrenceTicket.ProgrammeGroup ? t.Start - options.Value.ArmAhead : t.Start;
            var trigger = TriggerBuilder.Create(time).WithIdentity(t.Key, t.Group).ForJob(job).StartAt(fireAt)
                .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)).Build();
            batch[job] = [trigger];
            _stored[t.Group + "/" + t.Key] = t.Fingerprint;
        }

        if (batch.Count > 0)
        {
            await _scheduler!.ScheduleJobs(batch, ScheduleJobOptions.Replacing, ct);
            log.LogInformation("Scheduled {Count} new or changed occurrences", batch.Count);
        }
    }

    private void OnChanged(object? sender, ProgrammeSet set) => _ = SyncQuietlyAsync();

    private async Task SyncQuietlyAsync()
    {
        try
        {
            await SyncAsync();
        }
        catch (Exception ex)
        {
            // A failed sync leaves the previous triggers in place; the next tick retries.
            log.LogError(ex, "Could not update the scheduled occurrences");
        }
    }
}
