using System.Text.Json;
using System.Threading.Channels;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TanKy.Protocol.Messages;
using TanKy.Hub.Broker;
using TanKy.Hub.Shared;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Devices;

/// <summary>
/// Keeps the latest telemetry per device and a bounded, downsampled history. Writes are batched
/// into one transaction per <see cref="HubOptions.TelemetryFlushInterval"/>: each commit rewrites
/// whole pages, so commits (not bytes of telemetry) are what wears an SD card out.
/// </summary>
public sealed class TelemetryRecorder : BatchWriter
{
    private readonly Database _db;
    private readonly IOptions<HubOptions> _options;

    // Last history row per device (Unix ms), so history is downsampled without a read per message.
    private readonly Dictionary<string, long> _lastHistory = new(StringComparer.Ordinal);

    public TelemetryRecorder(Database db, IOptions<HubOptions> options, TimeProvider time, ILogger<TelemetryRecorder> logger, HubMetrics? metrics = null)
        : base(time, logger)
    {
        _db = db;
        _options = options;
        FlushInterval = options.Value.TelemetryFlushInterval;

        // Full, it forgets the oldest row: once silently, which is how a flood of 20,000 messages
        // between two flushes erased every other device's telemetry (issue #14). Now counted per device.
        _queue = Channel.CreateBounded<(string DeviceId, TelemetryMessage Message, long ReceivedMs)>(
            new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest },
            dropped => metrics?.DeviceMessageDropped(dropped.DeviceId, HubMetrics.DropTelemetryStore));
    }

    /// <summary>Telemetry rows held between two flushes.</summary>
    public const int QueueCapacity = 20_000;

    private readonly Channel<(string DeviceId, TelemetryMessage Message, long ReceivedMs)> _queue;

    protected override string What => "telemetry";

    /// <summary>Raised when a telemetry message is queued for writing: (device id, seq).</summary>
    public event EventHandler<(string DeviceId, long Seq)>? Enqueued;

    public void Enqueue(string deviceId, TelemetryMessage message, DateTimeOffset receivedAt)
    {
        _queue.Writer.TryWrite((deviceId, message, receivedAt.ToUnixTimeMilliseconds()));
        Enqueued?.Invoke(this, (deviceId, message.Seq));
    }

    /// <summary>Writes everything queued so far. Returns the number of rows written.</summary>
    public override int Flush()
    {
        var batch = new List<(string DeviceId, TelemetryMessage Message, long ReceivedMs)>();
        while (_queue.Reader.TryRead(out var item))
        {
            batch.Add(item);
        }

        if (batch.Count == 0)
        {
            return 0;
        }

        using var c = _db.Open();
        using var tx = c.BeginTransaction();
        foreach (var (id, m, ts) in batch)
        {
            var metrics = JsonSerializer.Serialize(m.Metrics ?? new Dictionary<string, double>());
            var last = c.ExecuteScalar<long?>("SELECT seq FROM telemetry_latest WHERE device_id = @id", new { id }, tx);
            var gap = last is { } l && m.Seq > l + 1 ? m.Seq - l - 1 : 0;
            c.Execute(
                """
                INSERT INTO telemetry_latest(device_id, seq, ts, metrics, gaps) VALUES (@id, @Seq, @ts, @metrics, @gap)
                ON CONFLICT(device_id) DO UPDATE SET seq = excluded.seq, ts = excluded.ts, metrics = excluded.metrics, gaps = gaps + excluded.gaps
                """,
                new { id, m.Seq, ts, metrics, gap },
                tx);
            if (KeepInHistory(c, tx, id, ts))
            {
                c.Execute("INSERT INTO telemetry_history(device_id, seq, ts, metrics) VALUES (@id, @Seq, @ts, @metrics)", new { id, m.Seq, ts, metrics }, tx);
            }
        }

        // One last_seen per device and batch, not per message.
        foreach (var (id, ts) in batch.GroupBy(b => b.DeviceId).Select(g => (g.Key, g.Max(b => b.ReceivedMs))))
        {
            c.Execute("UPDATE devices SET last_seen = @ts WHERE id = @id", new { id, ts }, tx);
        }

        foreach (var id in batch.Select(b => b.DeviceId).Distinct())
        {
            c.Execute(
                "DELETE FROM telemetry_history WHERE device_id = @id AND id <= (SELECT id FROM telemetry_history WHERE device_id = @id ORDER BY id DESC LIMIT 1 OFFSET @keep)",
                new { id, keep = _options.Value.TelemetryHistoryPerDevice },
                tx);
        }

        tx.Commit();
        return batch.Count;
    }

    /// <summary>True when the device's last history row is at least <see cref="HubOptions.TelemetryHistoryInterval"/> older than <paramref name="ts"/>.</summary>
    private bool KeepInHistory(Microsoft.Data.Sqlite.SqliteConnection c, Microsoft.Data.Sqlite.SqliteTransaction tx, string id, long ts)
    {
        lock (_lastHistory)
        {
            if (!_lastHistory.TryGetValue(id, out var last))
            {
                last = c.ExecuteScalar<long?>("SELECT MAX(ts) FROM telemetry_history WHERE device_id = @id", new { id }, tx) ?? long.MinValue;
            }

            var keep = last == long.MinValue || ts - last >= (long)_options.Value.TelemetryHistoryInterval.TotalMilliseconds;
            _lastHistory[id] = keep ? ts : last;
            return keep;
        }
    }
}
