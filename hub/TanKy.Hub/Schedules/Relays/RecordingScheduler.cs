using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TanKy.Hub.Schedules.Parsing;
using TanKy.Hub.Schedules.Planning;
using TanKy.Hub.Schedules.Precache;
using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Schedules.Relays;

/// <summary>
/// Starts each recording of the running programme at its time, on the hub clock: it sleeps until the
/// next start (or a programme change) and hands every due occurrence to <see cref="SourceRecorder"/>.
/// A hub that starts during a recording's slot records the rest of it (the coverage rule then
/// decides); a recording a previous run left half done is failed at start (its audio is gone).
/// After a recording the pre-cache is refreshed, so the airings that play it are cached at once.
/// </summary>
internal sealed class RecordingScheduler(
    ProgrammeStore store,
    SourceRecorder recorder,
    RecordingStore recordings,
    PrecachePublisher precache,
    TimeProvider time,
    ILogger<RecordingScheduler> log) : BackgroundService
{
    private static readonly TimeSpan MaxSleep = TimeSpan.FromHours(1);
    private readonly HashSet<string> _started = new(StringComparer.Ordinal);
    private readonly List<Task> _running = [];
    private CancellationTokenSource _changed = new();

    /// <summary>Starts every occurrence whose slot has begun and not ended; returns their tasks (tests await them).</summary>
    public IReadOnlyList<Task<RecordingRow?>> StartDue(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var due = RecordingOccurrences.Expand(store.Current?.Recordings ?? [], now - RecordingParser.MaxDuration, now + TimeSpan.FromTicks(1))
            .Where(o => o.End > now && _started.Add(o.Key))
            .Select(o => Task.Run(() => RecordThenPrecacheAsync(o, ct), ct))
            .ToList();
        lock (_running)
        {
            _running.RemoveAll(t => t.IsCompleted);
            _running.AddRange(due);
        }

        return due;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        recorder.CleanSpool();
        var interrupted = recordings.FailInterrupted(new TextMessage("relayprog.reason.hub-stopped").Encode());
        if (interrupted > 0)
        {
            log.LogWarning("{Count} recordings were cut by the previous run's stop; marked failed", interrupted);
        }

        store.Changed += OnChanged;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                StartDue(stoppingToken);
                var now = time.GetUtcNow();
                var recordingsPlanned = store.Current?.Recordings ?? [];
                var next = RecordingOccurrences.Expand(recordingsPlanned, now, now + MaxSleep).FirstOrDefault(o => !_started.Contains(o.Key));
                var wait = next is null ? MaxSleep : next.Start - now;
                using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, _changed.Token);
                try
                {
                    // Without recordings no timer is armed at all (only a programme change wakes us):
                    // a hub that records nothing keeps no pending wait on its clock.
                    await (recordingsPlanned.Count == 0
                        ? Task.Delay(Timeout.Infinite, wake.Token)
                        : Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, time, wake.Token));
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // The old source is not disposed: a change raised meanwhile may still cancel it, harmlessly.
                    Interlocked.Exchange(ref _changed, new CancellationTokenSource());
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            store.Changed -= OnChanged;
            Task[] running;
            lock (_running)
            {
                running = [.. _running];
            }

            await Task.WhenAll(running.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        }
    }

    private async Task<RecordingRow?> RecordThenPrecacheAsync(RecordingOccurrence o, CancellationToken ct)
    {
        var row = await recorder.RecordAsync(o, ct);
        if (row?.State == RecordingStore.Done)
        {
            try
            {
                await precache.PublishAsync(ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The regular refresh orders it later.
                log.LogWarning(ex, "Could not refresh the pre-cache after recording {Name}", o.Definition.Name);
            }
        }

        return row;
    }

    private void OnChanged(object? sender, Model.ProgrammeSet set) => _changed.Cancel();

    public override void Dispose()
    {
        _changed.Dispose();
        base.Dispose();
    }
}
