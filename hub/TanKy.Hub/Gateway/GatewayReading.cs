using UnitsNet;

namespace TanKy.Hub.Gateway;

/// <summary>One reading of the cabinet sensors. A sensor that failed leaves its quantities null.</summary>
internal sealed record GatewayReading(
    DateTimeOffset At,
    Temperature? CabinetTemperature,
    RelativeHumidity? CabinetHumidity,
    Pressure? CabinetPressure,
    ElectricPotential? SupplyVoltage,
    ElectricCurrent? SupplyCurrent,
    Power? SupplyPower)
{
    /// <summary>As telemetry metrics (protocol.md §4.9, gateway): unit suffixes, finite numbers only.</summary>
    public Dictionary<string, double> ToMetrics()
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        Add(metrics, "cabinet_temp_c", CabinetTemperature?.DegreesCelsius, 2);
        Add(metrics, "cabinet_humidity_pct", CabinetHumidity?.Percent, 1);
        Add(metrics, "cabinet_pressure_hpa", CabinetPressure?.Hectopascals, 2);
        Add(metrics, "supply_v", SupplyVoltage?.Volts, 3);
        Add(metrics, "supply_a", SupplyCurrent?.Amperes, 4);
        Add(metrics, "supply_w", (double?)SupplyPower?.Watts, 3);
        return metrics;
    }

    private static void Add(Dictionary<string, double> metrics, string name, double? value, int digits)
    {
        if (value is { } v && double.IsFinite(v))
        {
            metrics[name] = Math.Round(v, digits);
        }
    }
}
