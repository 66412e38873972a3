using System.Device.I2c;

namespace TanKy.Hub.Gateway.I2c;

/// <summary>Where sensor bindings get their I2C devices: the real bus or simulated chips.</summary>
internal interface II2cBus
{
    I2cDevice Open(int address);
}
