using System.Text.Json;
using System.Threading.Channels;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TanKy.Hub.Hosting;
using TanKy.Hub.Storage;
using TanKy.Protocol.Messages;

namespace TanKy.Hub.Devices;

/// <summary>
/// Keeps the latest telemetry per device and a bounded history. Writes are batched into one
/// transaction every few seconds: an SD card wears out from many small fsyncs, not from bytes.
/// </summary>
public sealed class TelemetryRecorder(Database db, IOptions<HubOptions> options, TimeProvider time, ILogger<TelemetryRecorder> logger) : BatchWriter(time, logger)
{
    private readonly Channel<(string DeviceId, TelemetryMessage Message, long ReceivedMs)> _queue =
        Channel.CreateBounded<(string, TelemetryMessage, long)>(new BoundedChannelOptions(20_000) { FullMode = BoundedChannelFullMode.DropOldest });

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

        using var c = db.Open();
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
            c.Execute("INSERT INTO telemetry_history(device_id, seq, ts, metrics) VALUES (@id, @Seq, @ts, @metrics)", new { id, m.Seq, ts, metrics }, tx);
            c.Execute("UPDATE devices SET last_seen = @ts WHERE id = @id", new { id, ts }, tx);
        }

        foreach (var id in batch.Select(b => b.DeviceId).Distinct())
        {
            c.Execute(
                "DELETE FROM telemetry_history WHERE device_id = @id AND id <= (SELECT id FROM telemetry_history WHERE device_id = @id ORDER BY id DESC LIMIT 1 OFFSET @keep)",
                new { id, keep = options.Value.TelemetryHistoryPerDevice },
                tx);
        }

        tx.Commit();
        return batch.Count;
    }
}
