using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TanKy.Hub.Broker;
using TanKy.Protocol;
using TanKy.Protocol.Messages;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Reports;

/// <summary>
/// Rolls the <c>clients</c>, <c>rx_bytes</c> and <c>tx_bytes</c> telemetry of access points up
/// into <c>wifi_hourly</c>. Samples are summed in memory and written in one transaction every
/// few seconds and at shutdown: one fsync per flush, not one per message (SD cards).
/// </summary>
internal sealed class WifiUsageRecorder(Database db, TimeProvider time, ILogger<WifiUsageRecorder> logger) : BatchWriter(time, logger), IDeviceMessageHandler
{
    private const long HourMs = 3_600_000;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, WifiCounters?> _last = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Device, long Hour), WifiHour> _pending = [];

    protected override string What => "the Wi-Fi rollup";

    public bool Handles(TopicKind kind) => kind == TopicKind.Telemetry;

    public ValueTask HandleAsync(DeviceMessage message, CancellationToken cancellationToken)
    {
        if (message.Message is TelemetryMessage { Metrics: { } m }
            && m.TryGetValue("clients", out var clients) && m.TryGetValue("rx_bytes", out var rx) && m.TryGetValue("tx_bytes", out var tx))
        {
            Record(message.DeviceId, message.ReceivedAt.ToUnixTimeMilliseconds(), clients, rx, tx);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Adds one sample (public for tests and the benchmark).</summary>
    public void Record(string deviceId, long ts, double clients, double rx, double tx)
    {
        lock (_gate)
        {
            if (!_last.TryGetValue(deviceId, out var last))
            {
                last = LoadLast(deviceId);
            }

            var hour = _pending.TryGetValue((deviceId, ts - (ts % HourMs)), out var h) ? h : _pending[(deviceId, ts - (ts % HourMs))] = new WifiHour();
            hour.Samples++;
            hour.ClientsMax = Math.Max(hour.ClientsMax, (int)clients);
            if (last is not null)
            {
                hour.Sessions += WifiCounters.NewSessions(last.Clients, clients);
                hour.RxBytes += WifiCounters.Delta(last.Rx, rx);
                hour.TxBytes += WifiCounters.Delta(last.Tx, tx);
            }

            _last[deviceId] = new WifiCounters(ts, clients, rx, tx);
        }
    }

    /// <summary>Writes the pending hours and counters in one transaction; returns the hours written.</summary>
    public override int Flush()
    {
        List<KeyValuePair<(string Device, long Hour), WifiHour>> hours;
        List<KeyValuePair<string, WifiCounters?>> counters;
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return 0;
            }

            hours = [.. _pending];
            counters = [.. _last.Where(kv => kv.Value is not null)];
            _pending.Clear();
        }

        using var c = db.Open();
        using var t = c.BeginTransaction();
        foreach (var ((device, hour), w) in hours)
        {
            c.Execute(
                """
                INSERT INTO wifi_hourly(device_id, hour, samples, clients_max, sessions, rx_bytes, tx_bytes) VALUES (@device, @hour, @Samples, @ClientsMax, @Sessions, @RxBytes, @TxBytes)
                ON CONFLICT(device_id, hour) DO UPDATE SET samples = samples + excluded.samples, clients_max = max(clients_max, excluded.clients_max),
                  sessions = sessions + excluded.sessions, rx_bytes = rx_bytes + excluded.rx_bytes, tx_bytes = tx_bytes + excluded.tx_bytes
                """,
                new { device, hour, w.Samples, w.ClientsMax, w.Sessions, w.RxBytes, w.TxBytes },
                t);
        }

        foreach (var (device, last) in counters)
        {
            c.Execute(
                "INSERT OR REPLACE INTO wifi_counters(device_id, ts, clients, rx_bytes, tx_bytes) VALUES (@device, @Ts, @Clients, @Rx, @Tx)",
                new { device, last!.Ts, last.Clients, last.Rx, last.Tx },
                t);
        }

        t.Commit();
        return hours.Count;
    }

    private WifiCounters? LoadLast(string deviceId)
    {
        using var c = db.Open();
        var row = c.QuerySingleOrDefault<(long Ts, double Clients, double Rx, double Tx)?>(
            "SELECT ts, clients, rx_bytes, tx_bytes FROM wifi_counters WHERE device_id = @deviceId", new { deviceId });
        return row is { } r ? new WifiCounters(r.Ts, r.Clients, r.Rx, r.Tx) : null;
    }
}
