using System.Buffers.Binary;

namespace TanKy.Hub.Gateway.I2c;

/// <summary>
/// An INA219 register file that computes like the chip (TI SBOS448 §8.5): shunt voltage LSB
/// 10 µV, bus voltage LSB 4 mV in bits 15–3, Current = Shunt × Calibration / 4096,
/// Power = Current × Bus / 5000. <see cref="SetSupply"/> sets the analog side.
/// </summary>
internal sealed class SimulatedIna219 : RegisterFileI2cDevice
{
    private const int Configuration = 0x00;
    private const int ShuntVoltage = 0x01;
    private const int BusVoltage = 0x02;
    private const int Power = 0x03;
    private const int Current = 0x04;
    private const int Calibration = 0x05;

    public SimulatedIna219(int busId = 1, int address = 0x40)
        : base(busId, address, registerBytes: 2)
    {
        SetRegister(Configuration, 0x399F); // power-on default
        SetSupply(12.6, 0.8, 0.1);
    }

    /// <summary>Bus voltage, load current and shunt resistor as the circuit would present them.</summary>
    public void SetSupply(double volts, double amps, double shuntOhms)
    {
        var shunt = (int)Math.Round(amps * shuntOhms / 10e-6);
        SetRegister(ShuntVoltage, (ushort)Math.Clamp(shunt, short.MinValue, short.MaxValue));
        var bus = (int)Math.Round(volts / 0.004);
        SetRegister(BusVoltage, (ushort)((Math.Clamp(bus, 0, 8191) << 3) | 0b10)); // CNVR set: a conversion is ready
        Recompute();
    }

    protected override void OnRegisterWritten(int register)
    {
        if (register == Configuration && (GetRegister(Configuration) & 0x8000) != 0)
        {
            // RST bit: back to power-on defaults; the bit clears itself.
            SetRegister(Configuration, 0x399F);
            SetRegister(Calibration, 0);
        }

        Recompute();
    }

    private void Recompute()
    {
        var calibration = GetRegister(Calibration);
        var shunt = (short)GetRegister(ShuntVoltage);
        var current = (int)((long)shunt * calibration / 4096);
        var busMillivoltSteps = GetRegister(BusVoltage) >> 3;
        var power = (int)((long)current * busMillivoltSteps / 5000);
        SetRegister(Current, (ushort)Math.Clamp(current, short.MinValue, short.MaxValue));
        SetRegister(Power, (ushort)Math.Clamp(power, 0, ushort.MaxValue));
    }

    private void SetRegister(int register, ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        Poke(register * RegisterBytes, bytes);
    }

    private ushort GetRegister(int register) => (ushort)((Peek(register * RegisterBytes) << 8) | Peek((register * RegisterBytes) + 1));
}
