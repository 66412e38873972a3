using Iot.Device.Adc;
using Iot.Device.Bmxx80;
using Iot.Device.Bmxx80.PowerMode;
using Microsoft.Extensions.Logging;
using TanKy.Hub.Gateway.I2c;
using UnitsNet;

namespace TanKy.Hub.Gateway;

/// <summary>
/// The cabinet's BME280 (temperature, humidity, pressure) and INA219 (supply voltage, current,
/// power) read through Iot.Device.Bindings. A missing or failing chip is logged and its values
/// left out; the other still reads, and the next reading tries the failed one again.
/// </summary>
internal sealed class CabinetSensors(II2cBus bus, SensorOptions options, ILogger logger) : IDisposable
{
    private Bme280? _bme280;
    private Ina219? _ina219;

    public async Task<GatewayReading> ReadAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        Temperature? temperature = null;
        RelativeHumidity? humidity = null;
        Pressure? pressure = null;
        try
        {
            var bme = _bme280 ??= new Bme280(bus.Open(options.Bme280Address));
            bme.SetPowerMode(Bmx280PowerMode.Forced);

            // The conversion time of the chip (a few ms), not scheduling: real time is right here.
            await Task.Delay(bme.GetMeasurementDuration(), cancellationToken);
            temperature = bme.TryReadTemperature(out var t) ? t : null;
            humidity = bme.TryReadHumidity(out var h) ? RelativeHumidity.FromPercent(h.Percent) : null;
            pressure = bme.TryReadPressure(out var p) ? p : null;
        }
        catch (IOException ex)
        {
            logger.LogWarning("BME280 at 0x{Address:X2} unreadable: {Reason}", options.Bme280Address, ex.Message);
            _bme280?.Dispose();
            _bme280 = null;
        }

        ElectricPotential? volts = null;
        ElectricCurrent? amps = null;
        Power? watts = null;
        try
        {
            var ina = _ina219 ??= Configure(new Ina219(bus.Open(options.Ina219Address)));
            volts = ina.ReadBusVoltage();
            amps = ina.ReadCurrent();
            watts = ina.ReadPower();
        }
        catch (IOException ex)
        {
            logger.LogWarning("INA219 at 0x{Address:X2} unreadable: {Reason}", options.Ina219Address, ex.Message);
            _ina219?.Dispose();
            _ina219 = null;
        }

        return new GatewayReading(at, temperature, humidity, pressure, volts, amps, watts);
    }

    /// <summary>INA219 calibration per datasheet §8.5.1: Cal = trunc(0.04096 / (Current_LSB × R_shunt)).</summary>
    public static ushort Calibration(double currentLsbAmps, double shuntOhms) => (ushort)Math.Truncate(0.04096 / (currentLsbAmps * shuntOhms));

    public void Dispose()
    {
        _bme280?.Dispose();
        _ina219?.Dispose();
    }

    private Ina219 Configure(Ina219 ina)
    {
        ina.BusVoltageRange = Ina219BusVoltageRange.Range32v;
        ina.PgaSensitivity = Ina219PgaSensitivity.PlusOrMinus320mv;
        ina.SetCalibration(Calibration(options.CurrentLsbAmps, options.ShuntOhms), (float)options.CurrentLsbAmps);
        return ina;
    }
}
