using System.Buffers.Binary;

namespace TanKy.Hub.Broadcasts.Archive;

/// <summary>
/// The Ogg Opus identification header (RFC 7845 §5.1), restricted to what the hub writes:
/// channel mapping family 0 (mono or stereo, no mapping table), so it is always 19 bytes.
/// </summary>
internal sealed record OpusHead(int Channels, int PreSkip, int InputSampleRate, short OutputGainQ8 = 0)
{
    public const int Size = 19;

    /// <summary>Version 1; readers must accept any 0x0? minor version (RFC 7845 §5.1).</summary>
    public const byte Version = 1;

    public static ReadOnlySpan<byte> Magic => "OpusHead"u8;

    public byte[] ToBytes()
    {
        if (Channels is < 1 or > 2)
        {
            throw new ArgumentOutOfRangeException(nameof(Channels), Channels, "mapping family 0 carries 1 or 2 channels");
        }

        if (PreSkip is < 0 or > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(PreSkip), PreSkip, "pre-skip is a 16-bit sample count");
        }

        var bytes = new byte[Size];
        Magic.CopyTo(bytes);
        bytes[8] = Version;
        bytes[9] = (byte)Channels;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(10), (ushort)PreSkip);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(12), (uint)InputSampleRate);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(16), OutputGainQ8);
        bytes[18] = 0; // channel mapping family
        return bytes;
    }

    /// <summary>Parses an OpusHead packet; throws <see cref="InvalidDataException"/> on anything else.</summary>
    public static OpusHead Parse(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < Size || !packet[..8].SequenceEqual(Magic))
        {
            throw new InvalidDataException("first packet is not an OpusHead identification header");
        }

        // The upper nibble is the major version: a change there is an incompatible format.
        if ((packet[8] & 0xF0) != 0)
        {
            throw new InvalidDataException($"unsupported OpusHead version {packet[8]}");
        }

        return new OpusHead(
            packet[9],
            BinaryPrimitives.ReadUInt16LittleEndian(packet[10..]),
            (int)BinaryPrimitives.ReadUInt32LittleEndian(packet[12..]),
            BinaryPrimitives.ReadInt16LittleEndian(packet[16..]));
    }
}
