using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TanKy.Hub.Broadcasts.Relay;
using TanKy.Hub.Schedules.Planning;
using TanKy.Hub.Shared;
using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Schedules.Relays;

/// <summary>
/// Health ahead of airtime: <see cref="Lead"/> (10 minutes) before each scheduled relay and each
/// recording, the source is probed once (<see cref="ISourceProbe"/>); an unreachable (or no longer
/// registered) source raises a programme alert about that airing, which the agenda shows beside it.
/// Runs every <see cref="Interval"/> on the hub clock; each occurrence is checked once per run.
/// </summary>
internal sealed class SourceHealthCheck(
    ProgrammeStore store,
    ISourceProbe probe,
    ProgrammeAlerts alerts,
    TimeProvider time,
    ILogger<SourceHealthCheck> log,
    IRelaySources? sources = null) : BackgroundService
{
    public static readonly TimeSpan Lead = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private readonly HashSet<string> _checked = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _pass = new(1, 1);

    /// <summary>One pass: probes the sources of relays and recordings starting within the lead. Returns how many alerts it raised.</summary>
    public async Task<int> CheckAsync(CancellationToken ct = default)
    {
        await _pass.WaitAsync(ct);
        try
        {
            return await PassAsync(ct);
        }
        finally
        {
            _pass.Release();
        }
    }

    private async Task<int> PassAsync(CancellationToken ct)
    {
        if (store.Current is not { } set)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var to = now + Lead + TimeSpan.FromTicks(1);
        var due = OccurrenceExpander.Expand(set, now, to)
            .Where(o => o.SkippedBy is null && o.Programme.Content.Relay is not null)
            .Select(o => (Subject: o.Programme.Id, Title: o.Programme.Title, Source: o.Programme.Content.Relay!.SourceId, o.Start, Key: o.Key))
            .Concat(RecordingOccurrences.Expand(set.Recordings, now, to).Select(r => (Subject: r.Definition.Name, Title: r.Definition.Title, Source: r.Definition.SourceId, r.Start, Key: r.Key)))
            .Where(x => _checked.Add(x.Key))
            .ToList();
        var raised = 0;
        foreach (var source in due.GroupBy(d => d.Source, StringComparer.Ordinal))
        {
            if (await ReachableAsync(source.Key, ct))
            {
                continue;
            }

            foreach (var d in source)
            {
                var at = CommuneTime.ToLocal(d.Start).ToString("HH:mm", CultureInfo.InvariantCulture);
                raised += alerts.Raise(ProgrammeAlert.SourceUnreachable, d.Subject, d.Source, d.Start, new TextMessage("relayprog.alert.unreachable", d.Source, d.Title, at)) ? 1 : 0;
            }
        }

        return raised;
    }

    private async Task<bool> ReachableAsync(string sourceId, CancellationToken ct)
    {
        if (sources?.Find(sourceId) is not { } source)
        {
            return false;
        }

        try
        {
            return await probe.IsReachableAsync(source, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogWarning(ex, "Probing relay source {Source} failed", sourceId);
            return false;
        }
    }

    public override void Dispose()
    {
        _pass.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var changed = new SemaphoreSlim(0);
        void OnChanged(object? sender, Model.ProgrammeSet set) => changed.Release();
        store.Changed += OnChanged;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // No relay and no recording: no timer on the hub clock, only a programme change wakes the check.
                if (!HasSources(store.Current))
                {
                    await changed.WaitAsync(stoppingToken);
                    continue;
                }

                await RunWhileNeededAsync(changed, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            store.Changed -= OnChanged;
        }
    }

    private async Task RunWhileNeededAsync(SemaphoreSlim changed, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Relay source health check failed; retrying");
            }

            while (changed.CurrentCount > 0)
            {
                await changed.WaitAsync(stoppingToken);
            }
        }
        while (HasSources(store.Current) && await timer.WaitForNextTickAsync(stoppingToken));
    }

    private static bool HasSources(Model.ProgrammeSet? set) =>
        set is not null && (set.Recordings.Count > 0 || set.Programmes.Any(p => p.Content.Relay is not null));
}
