using System.Device.I2c;

namespace TanKy.Hub.Gateway.I2c;

/// <summary>A bus with a simulated BME280 and INA219, for a gateway without the sensors and for tests.</summary>
internal sealed class SimulatedI2cBus(SensorOptions options) : II2cBus
{
    public SimulatedBme280 Bme280 { get; } = new(options.BusId, options.Bme280Address);

    public SimulatedIna219 Ina219 { get; } = new(options.BusId, options.Ina219Address);

    public I2cDevice Open(int address) =>
        address == options.Bme280Address ? Bme280
        : address == options.Ina219Address ? Ina219
        : throw new IOException($"no simulated device at I2C address 0x{address:X2}");
}
