using TanKy.Hub.Shared.Text;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Gateway;

/// <summary>
/// Compares each reading with the thresholds. Crossing a limit opens one alert (stored and
/// logged as a warning); it stays open, without repeats, until the value is back inside the
/// limit by the hysteresis margin, then it is closed.
/// </summary>
internal sealed class GatewayAlertMonitor(Database db, IOptions<GatewayOptions> options, ILogger<GatewayAlertMonitor> logger)
{
    /// <summary>Raised when an alert opens.</summary>
    public event EventHandler<GatewayAlert>? Opened;

    public void Evaluate(GatewayReading reading)
    {
        var t = options.Value.Thresholds;
        var metrics = reading.ToMetrics();
        Check(reading.At, metrics, "cabinet_temp_c", "high", t.CabinetTempMaxC);
        Check(reading.At, metrics, "cabinet_humidity_pct", "high", t.CabinetHumidityMaxPct);
        Check(reading.At, metrics, "supply_v", "low", t.SupplyVoltageMinV);
        Check(reading.At, metrics, "supply_v", "high", t.SupplyVoltageMaxV);
        Check(reading.At, metrics, "supply_a", "high", t.SupplyCurrentMaxA);
    }

    /// <summary>The alerts with their message in <paramref name="language"/> (rows stored before keys show as written).</summary>
    public IReadOnlyList<GatewayAlert> List(bool openOnly, string language, int limit = 100) =>
        [.. List(openOnly, limit).Select(a => a with { Message = HubText.Default.Render(a.Message, language) })];

    public IReadOnlyList<GatewayAlert> List(bool openOnly, int limit = 100)
    {
        using var c = db.Open();
        return c.Query<(long Id, string Metric, string Direction, double Value, double Threshold, long OpenedAt, long? ClosedAt, string Message)>(
                "SELECT id, metric, direction, value, threshold, opened_at, closed_at, message FROM gateway_alerts WHERE (@openOnly = 0 OR closed_at IS NULL) ORDER BY id DESC LIMIT @limit",
                new { openOnly, limit })
            .Select(r => new GatewayAlert(r.Id, r.Metric, r.Direction, r.Value, r.Threshold, DateTimeOffset.FromUnixTimeMilliseconds(r.OpenedAt), r.ClosedAt is { } cl ? DateTimeOffset.FromUnixTimeMilliseconds(cl) : null, r.Message))
            .ToList();
    }

    private void Check(DateTimeOffset at, Dictionary<string, double> metrics, string metric, string direction, double threshold)
    {
        if (!metrics.TryGetValue(metric, out var value))
        {
            return; // a sensor that failed neither opens nor closes alerts
        }

        var margin = Math.Abs(threshold) * options.Value.Thresholds.Hysteresis;
        var crossed = direction == "high" ? value > threshold : value < threshold;
        var cleared = direction == "high" ? value <= threshold - margin : value >= threshold + margin;
        using var c = db.Open();
        var open = c.ExecuteScalar<long?>("SELECT id FROM gateway_alerts WHERE metric = @metric AND direction = @direction AND closed_at IS NULL", new { metric, direction });
        if (open is null && crossed)
        {
            // Stored as a text key and its values (api2.gw.*), shown in the reader's language.
            var text = new TextMessage("api2.gw." + metric.Replace('_', '-') + "-" + direction, Math.Round(value, 1), threshold).Encode();
            var id = c.ExecuteScalar<long>(
                "INSERT INTO gateway_alerts(metric, direction, value, threshold, opened_at, message) VALUES (@metric, @direction, @value, @threshold, @at, @text) RETURNING id",
                new { metric, direction, value, threshold, at = at.ToUnixTimeMilliseconds(), text });
            logger.LogWarning("Gateway alert opened: {Metric} = {Value} crosses the {Direction} limit {Threshold}", metric, value, direction, threshold);
            Opened?.Invoke(this, new GatewayAlert(id, metric, direction, value, threshold, at, null, text));
        }
        else if (open is { } id && cleared)
        {
            c.Execute("UPDATE gateway_alerts SET closed_at = @at WHERE id = @id", new { id, at = at.ToUnixTimeMilliseconds() });
            logger.LogInformation("Gateway alert closed: {Metric} = {Value} is back inside the {Direction} limit {Threshold}", metric, value, direction, threshold);
        }
    }
}
