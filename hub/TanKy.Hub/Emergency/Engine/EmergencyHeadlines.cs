using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using TanKy.Hub.Emergency.Led;
using TanKy.Hub.Broadcasts;
using TanKy.Protocol;

namespace TanKy.Hub.Emergency.Engine;

/// <summary>
/// Puts an emergency's headline on the LED boards of its zones while it plays and takes it down
/// when the broadcast ends (<see cref="IBroadcastLifecycle.OnEnded"/>), through
/// <see cref="LedEmergencyDisplay"/> (which restores each board's previous message).
/// </summary>
internal sealed class EmergencyHeadlines(ILogger<EmergencyHeadlines> log, LedEmergencyDisplay? display = null) : IBroadcastLifecycle
{
    private readonly ConcurrentDictionary<string, Task> _shown = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _ended = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>The last LED update started (tests await it).</summary>
    public Task Last { get; private set; } = Task.CompletedTask;

    /// <summary>Shows the headline of an emergency that has just started (emergency class only).</summary>
    public void Remember(string broadcastId, IReadOnlyList<string> zones, string headline, BulletinClass cls)
    {
        if (display is null || cls != BulletinClass.Emergency)
        {
            return;
        }

        lock (_gate)
        {
            if (_ended.ContainsKey(broadcastId))
            {
                return;
            }

            var show = Run(() => display.StartAsync(broadcastId, zones, headline, CancellationToken.None), broadcastId, "show");
            _shown[broadcastId] = show;
            Last = show;
        }
    }

    public void OnStreamStarted(BroadcastRecord record, IReadOnlyList<string> zones, DateTimeOffset playoutStart)
    {
    }

    public void OnEnded(BroadcastRecord record, string status)
    {
        lock (_gate)
        {
            if (_ended.Count > 10_000)
            {
                _ended.Clear(); // only guards the instant between PlayAsync and Remember
            }

            _ended[record.Id] = true;
            if (display is null || !_shown.TryRemove(record.Id, out var shown))
            {
                return;
            }

            Last = Run(async () =>
            {
                await shown;
                await display.EndAsync(record.Id, CancellationToken.None);
            }, record.Id, "restore");
        }
    }

    private async Task Run(Func<Task> action, string id, string what)
    {
        try
        {
            await Task.Yield();
            await action();
        }
        catch (Exception ex)
        {
            log.LogError(ex, "LED headline for emergency {Id}: could not {What}", id, what);
        }
    }
}
