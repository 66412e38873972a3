using Dapper;
using Microsoft.Data.Sqlite;

namespace TanKy.Hub.Availability.Model;

/// <summary>
/// When the hub was running, from <c>hub_runs</c>. A run is alive from its start to its clean
/// stop or, after a crash or power cut, its last heartbeat (written every 5 minutes). The newest
/// run without a stop whose heartbeat is recent is still running: alive until now.
/// </summary>
public static class HubUptime
{
    /// <summary>A heartbeat older than this means the run ended (two recorder intervals).</summary>
    public static readonly TimeSpan LiveHeartbeat = HubRunRecorder.HeartbeatInterval * 2;

    public static List<TimeRange> Load(SqliteConnection c, long nowMs)
    {
        var runs = c.Query<(long Started, long Heartbeat, long? Stopped)>(
            "SELECT started_at, heartbeat_at, stopped_at FROM hub_runs ORDER BY started_at, id").ToList();
        var ranges = new List<TimeRange>(runs.Count);
        for (var i = 0; i < runs.Count; i++)
        {
            var (started, heartbeat, stopped) = runs[i];
            var end = stopped ?? heartbeat;
            if (stopped is null && i == runs.Count - 1 && nowMs - heartbeat <= LiveHeartbeat.TotalMilliseconds)
            {
                end = Math.Max(end, nowMs);
            }

            ranges.Add(new TimeRange(started, end));
        }

        return TimeRange.Merge(ranges);
    }
}
