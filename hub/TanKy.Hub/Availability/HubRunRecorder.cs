using Dapper;
using Microsoft.Extensions.Hosting;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Availability;

/// <summary>
/// Records each hub run with a heartbeat, so that the time between runs (power cut, crash,
/// upgrade) is known and reported as "unknown" rather than as device downtime.
/// </summary>
public sealed class HubRunRecorder(Database db, TimeProvider time) : BackgroundService
{
    /// <summary>
    /// Every 5 minutes: each heartbeat is a commit (two 4 KiB pages through the WAL plus its index),
    /// the most frequent writer of an idle hub; once a minute cost ~14 MB/day of SD-card writes.
    /// A crash's end is then known to within this interval.
    /// </summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromMinutes(5);

    private long _runId;

    public string BootId { get; } = Guid.NewGuid().ToString("N")[..16];

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        using var c = db.Open();
        _runId = c.ExecuteScalar<long>(
            "INSERT INTO hub_runs(boot_id, started_at, heartbeat_at) VALUES (@BootId, @now, @now) RETURNING id", new { BootId, now });
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(HeartbeatInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Mark("heartbeat_at");
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        Mark("stopped_at");
    }

    private void Mark(string column)
    {
        using var c = db.Open();
        c.Execute($"UPDATE hub_runs SET {column} = @now, heartbeat_at = @now WHERE id = @_runId", new { now = time.GetUtcNow().ToUnixTimeMilliseconds(), _runId });
    }
}
