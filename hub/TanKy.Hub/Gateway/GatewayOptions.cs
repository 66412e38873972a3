namespace TanKy.Hub.Gateway;

/// <summary>The gateway's own hardware (section <c>Gateway</c>).</summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>Registry id of the gateway (kind <c>gateway</c>); its sensor readings are stored as this device's telemetry.</summary>
    public string DeviceId { get; set; } = "gateway";

    public SensorOptions Sensors { get; set; } = new();

    public SensorThresholds Thresholds { get; set; } = new();
}

/// <summary>Cabinet sensors on the gateway's I2C bus (section <c>Gateway:Sensors</c>).</summary>
public sealed class SensorOptions
{
    /// <summary>Read the sensors at all (off on a gateway without them).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Simulated I2C chips instead of the bus. Unset: simulated when <c>/dev/i2c-{BusId}</c> does not exist.</summary>
    public bool? Simulated { get; set; }

    public int BusId { get; set; } = 1;

    /// <summary>BME280 address: 0x76 with SDO to ground (the usual breakout), 0x77 with SDO high.</summary>
    public int Bme280Address { get; set; } = 0x76;

    /// <summary>INA219 address: 0x40 with A0 and A1 to ground.</summary>
    public int Ina219Address { get; set; } = 0x40;

    /// <summary>Shunt resistor in ohms (0.1 Ω on the common breakouts).</summary>
    public double ShuntOhms { get; set; } = 0.1;

    /// <summary>Value of one bit of the INA219 current register, in amperes (datasheet §8.5.1: max expected current / 2^15, rounded up).</summary>
    public double CurrentLsbAmps { get; set; } = 0.0001;

    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsSimulated(int busId) => Simulated ?? !File.Exists($"/dev/i2c-{busId}");
}

/// <summary>Limits that open a <see cref="GatewayAlert"/> (section <c>Gateway:Thresholds</c>).</summary>
public sealed class SensorThresholds
{
    /// <summary>Above this the cabinet is too hot for the 4G modem and the amplifier (°C).</summary>
    public double CabinetTempMaxC { get; set; } = 55;

    /// <summary>Condensation risk in the rainy season (% RH).</summary>
    public double CabinetHumidityMaxPct { get; set; } = 85;

    /// <summary>A 12 V lead-acid UPS below this is nearly flat (V).</summary>
    public double SupplyVoltageMinV { get; set; } = 11.5;

    /// <summary>Above this the charger is misbehaving (V).</summary>
    public double SupplyVoltageMaxV { get; set; } = 14.8;

    public double SupplyCurrentMaxA { get; set; } = 3.0;

    /// <summary>An alert closes only once the value is back inside the limit by this fraction, so a value hovering at the limit does not flap.</summary>
    public double Hysteresis { get; set; } = 0.02;
}
