using System.Device.I2c;
using Dapper;
using Iot.Device.Adc;
using Iot.Device.Bmxx80;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TanKy.Hub.Devices;
using TanKy.Hub.Gateway;
using TanKy.Hub.Gateway.I2c;
using TanKy.Hub.Tests.Support;
using TanKy.Protocol;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Tests.DeviceControl;

public sealed class GatewaySensors_Tests : IDisposable
{
    private readonly TempDataDir _dir = new();
    private readonly GatewayOptions _options = new() { Sensors = new SensorOptions { Simulated = true } };

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Bme280_binding_reads_the_datasheet_worked_example()
    {
        // Bosch BMP280/BME280 datasheet §3.12 / §8.2: dig_T1..P9 as in SimulatedBme280, adc_T 519888, adc_P 415148.
        using var chip = new SimulatedBme280();
        using var bme = new Bme280(chip);

        bme.TryReadTemperature(out var temperature).Should().BeTrue();
        bme.TryReadPressure(out var pressure).Should().BeTrue();

        temperature.DegreesCelsius.Should().BeApproximately(25.08, 0.005);
        pressure.Pascals.Should().BeApproximately(100653, 0.5);
    }

    [Fact]
    public void Bme280_humidity_matches_the_datasheet_compensation_formula()
    {
        using var chip = new SimulatedBme280();
        chip.SetRaw(SimulatedBme280.DatasheetAdcTemperature, SimulatedBme280.DatasheetAdcPressure, 30000);
        using var bme = new Bme280(chip);

        bme.TryReadHumidity(out var humidity).Should().BeTrue();

        // BME280 datasheet §8.1 (double precision), written out here independently of the simulator.
        double tFine = 128422; // t_fine of the worked example: (var1 + var2) for adc_T 519888
        var h = tFine - 76800.0;
        h = (30000 - ((SimulatedBme280.H4 * 64.0) + (SimulatedBme280.H5 / 16384.0 * h)))
            * (SimulatedBme280.H2 / 65536.0 * (1.0 + (SimulatedBme280.H6 / 67108864.0 * h * (1.0 + (SimulatedBme280.H3 / 67108864.0 * h)))));
        h *= 1.0 - (SimulatedBme280.H1 * h / 524288.0);
        humidity.Percent.Should().BeApproximately(h, 0.01);
        humidity.Percent.Should().BeInRange(0, 100);
    }

    [Fact]
    public void Ina219_binding_reads_voltage_current_and_power_with_the_datasheet_calibration()
    {
        // TI INA219 datasheet §8.5.1 example: 0.1 Ω shunt, Current_LSB 100 µA → Cal = 4096, Power_LSB = 2 mW.
        CabinetSensors.Calibration(0.0001, 0.1).Should().Be(4096);
        using var chip = new SimulatedIna219();
        chip.SetSupply(12.0, 1.5, 0.1);
        using var ina = new Ina219(chip);
        ina.SetCalibration(4096, 0.0001f);

        ina.ReadShuntVoltage().Millivolts.Should().BeApproximately(150, 0.01);
        ina.ReadBusVoltage().Volts.Should().BeApproximately(12.0, 0.004);
        ina.ReadCurrent().Amperes.Should().BeApproximately(1.5, 0.0001);
        ((double)ina.ReadPower().Watts).Should().BeApproximately(18.0, 0.002);
    }

    [Fact]
    public async Task Cabinet_sensors_read_both_chips_through_the_simulated_bus()
    {
        var bus = new SimulatedI2cBus(_options.Sensors);
        bus.Ina219.SetSupply(13.2, 0.75, 0.1);
        using var sensors = new CabinetSensors(bus, _options.Sensors, NullLogger.Instance);

        var reading = await sensors.ReadAsync(_dir.Time.GetUtcNow(), default);

        var metrics = reading.ToMetrics();
        metrics["cabinet_temp_c"].Should().BeApproximately(25.08, 0.01);
        metrics["cabinet_pressure_hpa"].Should().BeApproximately(1006.53, 0.01);
        metrics["supply_v"].Should().BeApproximately(13.2, 0.004);
        metrics["supply_a"].Should().BeApproximately(0.75, 0.0001);
        metrics["supply_w"].Should().BeApproximately(9.9, 0.01);
    }

    [Fact]
    public async Task A_missing_chip_leaves_its_values_out_and_the_other_still_reads()
    {
        var options = new SensorOptions { Simulated = true, Ina219Address = 0x41 };
        var bus = new OnlyBme280Bus(new SimulatedBme280());
        using var sensors = new CabinetSensors(bus, options, NullLogger.Instance);

        var reading = await sensors.ReadAsync(_dir.Time.GetUtcNow(), default);

        reading.CabinetTemperature.Should().NotBeNull();
        reading.SupplyVoltage.Should().BeNull();
        reading.ToMetrics().Keys.Should().NotContain("supply_v");
    }

    [Fact]
    public async Task Crossing_a_threshold_opens_one_alert_which_closes_when_back_in_range()
    {
        var bus = new SimulatedI2cBus(_options.Sensors);
        var (service, alerts) = Service(bus);

        await service.ReadOnceAsync();
        alerts.List(openOnly: true).Should().BeEmpty("12.6 V and 25 °C are within the limits");

        bus.Ina219.SetSupply(11.1, 0.8, 0.1); // UPS nearly flat
        bus.Bme280.SetConditions(58.5, 60);     // cabinet in the sun
        _dir.Time.Advance(TimeSpan.FromSeconds(30));
        await service.ReadOnceAsync();
        _dir.Time.Advance(TimeSpan.FromSeconds(30));
        await service.ReadOnceAsync();

        var open = alerts.List(openOnly: true);
        open.Select(a => (a.Metric, a.Direction)).Should().BeEquivalentTo([("supply_v", "low"), ("cabinet_temp_c", "high")]);
        open.Single(a => a.Metric == "cabinet_temp_c").Value.Should().BeApproximately(58.5, 0.1);
        alerts.List(openOnly: true, "vi").Single(a => a.Metric == "supply_v").Message.Should().StartWith("Điện áp nguồn thấp: 11");
        alerts.List(openOnly: true, "en").Single(a => a.Metric == "supply_v").Message.Should().StartWith("Supply voltage low: 11");

        bus.Ina219.SetSupply(11.6, 0.8, 0.1); // above 11.5 but inside the hysteresis margin: stays open
        await service.ReadOnceAsync();
        alerts.List(openOnly: true).Should().HaveCount(2);

        bus.Ina219.SetSupply(12.4, 0.8, 0.1);
        _dir.Time.Advance(TimeSpan.FromSeconds(30));
        await service.ReadOnceAsync();
        alerts.List(openOnly: true).Select(a => a.Metric).Should().Equal("cabinet_temp_c");
        alerts.List(openOnly: false).Single(a => a.Metric == "supply_v").ClosedAt.Should().Be(_dir.Time.GetUtcNow());
    }

    [Fact]
    public async Task Readings_are_stored_as_the_gateway_devices_telemetry()
    {
        _dir.Zones.Add("uy-ban", "Ủy ban xã");
        _dir.Devices.Add(new NewDevice("gateway", DeviceKind.Gateway, ["uy-ban"], "Gateway UBND xã"));
        var telemetry = new TelemetryRecorder(_dir.Db, Options.Create(new HubOptions()), _dir.Time, NullLogger<TelemetryRecorder>.Instance);
        var (service, _) = Service(new SimulatedI2cBus(_options.Sensors), telemetry);

        await service.ReadOnceAsync();
        telemetry.Flush();

        using var c = _dir.Db.Open();
        var metrics = c.QuerySingle<string>("SELECT metrics FROM telemetry_latest WHERE device_id = 'gateway'");
        metrics.Should().Contain("\"cabinet_temp_c\":25.08").And.Contain("\"supply_v\":12.6");
    }

    private (GatewaySensorService Service, GatewayAlertMonitor Alerts) Service(II2cBus bus, TelemetryRecorder? telemetry = null)
    {
        var options = Options.Create(_options);
        var alerts = new GatewayAlertMonitor(_dir.Db, options, NullLogger<GatewayAlertMonitor>.Instance);
        telemetry ??= new TelemetryRecorder(_dir.Db, Options.Create(new HubOptions()), _dir.Time, NullLogger<TelemetryRecorder>.Instance);
        return (new GatewaySensorService(bus, alerts, telemetry, _dir.Devices, options, _dir.Time, NullLogger<GatewaySensorService>.Instance), alerts);
    }

    private sealed class OnlyBme280Bus(SimulatedBme280 bme) : II2cBus
    {
        public I2cDevice Open(int address) => address == 0x76 ? bme : throw new IOException($"no device at 0x{address:X2}");
    }
}
