using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TanKy.Hub.Devices;
using TanKy.Hub.Gateway.I2c;
using TanKy.Protocol;
using TanKy.Protocol.Messages;

namespace TanKy.Hub.Gateway;

/// <summary>
/// Reads the cabinet sensors every interval and stores each reading as the telemetry of the
/// gateway's registry device (kind <c>gateway</c>), written straight into the telemetry tables:
/// the hub is the gateway, so it does not publish to itself over MQTT (and the ACL reserves
/// <c>dev/{id}/telemetry</c> for the device's own connection). Dashboards read it like any
/// device's telemetry, or <c>GET /api/v1/gateway/sensors</c>.
/// </summary>
internal sealed class GatewaySensorService(
    II2cBus bus,
    GatewayAlertMonitor alerts,
    TelemetryRecorder telemetry,
    DeviceRegistry registry,
    IOptions<GatewayOptions> options,
    TimeProvider time,
    ILogger<GatewaySensorService> logger) : BackgroundService
{
    private readonly CabinetSensors _sensors = new(bus, options.Value.Sensors, logger);
    private long _seq;
    private bool _warnedUnregistered;

    public GatewayReading? Latest { get; private set; }

    /// <summary>One reading: stored as telemetry, checked against the thresholds. Public for tests and the CLI.</summary>
    public async Task<GatewayReading> ReadOnceAsync(CancellationToken cancellationToken = default)
    {
        var reading = await _sensors.ReadAsync(time.GetUtcNow(), cancellationToken);
        Latest = reading;
        alerts.Evaluate(reading);
        var id = options.Value.DeviceId;
        if (registry.Get(id) is { Kind: DeviceKind.Gateway })
        {
            var message = new TelemetryMessage
            {
                V = ProtocolConstants.Version,
                Seq = _seq++,
                Ts = reading.At.ToUnixTimeMilliseconds(),
                Interval = (int)Math.Clamp(options.Value.Sensors.Interval.TotalSeconds, 1, 3600),
                Metrics = reading.ToMetrics(),
            };
            telemetry.Enqueue(id, message, reading.At);
        }
        else if (!_warnedUnregistered)
        {
            _warnedUnregistered = true;
            logger.LogWarning("No gateway device '{DeviceId}' in the registry: sensor readings are checked for alerts but not stored as telemetry (add it with kind gateway)", id);
        }

        return reading;
    }

    public override void Dispose()
    {
        _sensors.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Sensors.Enabled)
        {
            return;
        }

        logger.LogInformation("Gateway sensors: {Mode} I2C bus {Bus}, every {Interval}", bus is SimulatedI2cBus ? "simulated" : "hardware", options.Value.Sensors.BusId, options.Value.Sensors.Interval);
        using var timer = new PeriodicTimer(options.Value.Sensors.Interval, time);
        try
        {
            do
            {
                try
                {
                    await ReadOnceAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Reading the gateway sensors failed");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
        }
    }
}
