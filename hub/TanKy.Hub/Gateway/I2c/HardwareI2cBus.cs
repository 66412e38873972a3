using System.Device.I2c;

namespace TanKy.Hub.Gateway.I2c;

/// <summary>The gateway's Linux I2C bus (<c>/dev/i2c-{busId}</c>).</summary>
internal sealed class HardwareI2cBus(int busId) : II2cBus
{
    public I2cDevice Open(int address) => I2cDevice.Create(new I2cConnectionSettings(busId, address));
}
