using Dapper;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Schedules.Precache;

/// <summary>Which media each node was told to cache, and until when the download endpoint serves them to it.</summary>
public sealed class PrecacheGrants(Database db, TimeProvider time)
{
    public void Grant(string deviceId, IEnumerable<(string MediaId, DateTimeOffset Until)> media)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        foreach (var (mediaId, until) in media)
        {
            c.Execute(
                """
                INSERT INTO precache_grants(device_id, media_id, expires_at) VALUES (@deviceId, @mediaId, @until)
                ON CONFLICT DO UPDATE SET expires_at = MAX(expires_at, excluded.expires_at)
                """,
                new { deviceId, mediaId, until = until.ToUnixTimeMilliseconds() },
                tx);
        }

        c.Execute("DELETE FROM precache_grants WHERE expires_at < @now", new { now = time.GetUtcNow().ToUnixTimeMilliseconds() }, tx);
        tx.Commit();
    }

    public bool IsGranted(string deviceId, string mediaId)
    {
        using var c = db.Open();
        return c.ExecuteScalar<long>(
            "SELECT COUNT(*) FROM precache_grants WHERE device_id = @deviceId AND media_id = @mediaId AND expires_at >= @now",
            new { deviceId, mediaId, now = time.GetUtcNow().ToUnixTimeMilliseconds() }) > 0;
    }
}
