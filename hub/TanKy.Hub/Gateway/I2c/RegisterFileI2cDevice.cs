using System.Device.I2c;

namespace TanKy.Hub.Gateway.I2c;

/// <summary>
/// A simulated I2C chip: a register file behind a register pointer, which is how the BME280 and
/// the INA219 talk (write the register address, then read or write from it with auto-increment).
/// Subclasses react to writes where the chip computes something (INA219 calibration).
/// </summary>
internal abstract class RegisterFileI2cDevice(int busId, int address, int registerBytes) : I2cDevice
{
    private readonly byte[] _memory = new byte[256 * registerBytes];
    private readonly Lock _gate = new();
    private int _pointer;

    public override I2cConnectionSettings ConnectionSettings { get; } = new(busId, address);

    protected int RegisterBytes { get; } = registerBytes;

    public override byte ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        Read(one);
        return one[0];
    }

    public override void Read(Span<byte> buffer)
    {
        lock (_gate)
        {
            for (var i = 0; i < buffer.Length; i++)
            {
                buffer[i] = _memory[(_pointer + i) % _memory.Length];
            }
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return;
        }

        int register;
        lock (_gate)
        {
            register = buffer[0];
            _pointer = register * RegisterBytes;
            for (var i = 1; i < buffer.Length; i++)
            {
                _memory[(_pointer + i - 1) % _memory.Length] = buffer[i];
            }
        }

        if (buffer.Length > 1)
        {
            OnRegisterWritten(register);
        }
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }

    /// <summary>Sets bytes as the chip itself would (measurements, factory calibration).</summary>
    protected void Poke(int offset, params ReadOnlySpan<byte> bytes)
    {
        lock (_gate)
        {
            bytes.CopyTo(_memory.AsSpan(offset));
        }
    }

    protected byte Peek(int offset)
    {
        lock (_gate)
        {
            return _memory[offset];
        }
    }

    protected virtual void OnRegisterWritten(int register)
    {
    }
}
