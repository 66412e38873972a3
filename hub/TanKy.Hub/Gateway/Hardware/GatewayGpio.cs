using System.Device.Gpio;
using Microsoft.Extensions.Logging;

namespace TanKy.Hub.Gateway.Hardware;

/// <summary>
/// The gateway's GPIO controller: the real chip when it exists, otherwise the simulator, so the
/// same hub runs on a Pi, a laptop and CI. <see cref="Simulated"/> is set in the second case.
/// </summary>
internal sealed class GatewayGpio : IDisposable
{
    private GatewayGpio(GpioController controller, SimulatedGpioDriver? simulated)
    {
        Controller = controller;
        Simulated = simulated;
    }

    public GpioController Controller { get; }

    public SimulatedGpioDriver? Simulated { get; }

    public static GatewayGpio Open(GatewayHardwareOptions options, TimeProvider time, ILogger log)
    {
        if (File.Exists(options.ChipPath))
        {
            try
            {
                return new GatewayGpio(new GpioController(), null);
            }
            catch (Exception ex) when (ex is PlatformNotSupportedException or IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                log.LogError(ex, "GPIO chip {Chip} exists but cannot be opened; using the simulated driver (the button and relay will not work)", options.ChipPath);
            }
        }
        else
        {
            log.LogWarning("No GPIO chip at {Chip}: gateway button, status LED and relay run on the simulated driver", options.ChipPath);
        }

        return Simulate(time);
    }

    public static GatewayGpio Simulate(TimeProvider time)
    {
        var driver = new SimulatedGpioDriver(time);
        return new GatewayGpio(new GpioController(driver), driver);
    }

    public void Dispose() => Controller.Dispose();
}
