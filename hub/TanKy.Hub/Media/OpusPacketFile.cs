using System.Buffers.Binary;

namespace TanKy.Hub.Media;

/// <summary>
/// <c>stream.opuspk</c>: the encoded packets of one clip, stored ready to stream. Little-endian.
/// <code>
///  0  4  magic "TKOP"          16  8  sample count (processed audio, before padding)
///  4  1  version = 1           24  4  packet count
///  5  1  channels = 1          28  4  nominal bitrate, bit/s
///  6  2  frame samples (960)   32  …  packets: u16 length + Opus packet, repeated
///  8  4  sample rate (48000)
/// 12  2  pre-skip (encoder look-ahead, samples)
/// 14  2  reserved = 0
/// </code>
/// Not Ogg: the streamer needs raw packets, and the archive writes its own Ogg pages.
/// </summary>
internal static class OpusPacketFile
{
    public const int HeaderSize = 32;
    private const byte Version = 1;

    public static void WriteHeader(Stream output, EncodedClip clip, int packetCount)
    {
        Span<byte> h = stackalloc byte[HeaderSize];
        h.Clear();
        "TKOP"u8.CopyTo(h);
        h[4] = Version;
        h[5] = (byte)clip.Channels;
        BinaryPrimitives.WriteUInt16LittleEndian(h[6..], (ushort)clip.FrameSamples);
        BinaryPrimitives.WriteInt32LittleEndian(h[8..], clip.SampleRate);
        BinaryPrimitives.WriteUInt16LittleEndian(h[12..], (ushort)clip.PreSkip);
        BinaryPrimitives.WriteInt64LittleEndian(h[16..], clip.SampleCount);
        BinaryPrimitives.WriteInt32LittleEndian(h[24..], packetCount);
        BinaryPrimitives.WriteInt32LittleEndian(h[28..], clip.Bitrate);
        output.Write(h);
    }

    public static void WritePacket(Stream output, ReadOnlySpan<byte> packet)
    {
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(length, checked((ushort)packet.Length));
        output.Write(length);
        output.Write(packet);
    }

    /// <summary>Reads and checks a whole file; a damaged file is an <see cref="InvalidDataException"/>, never a wrong clip.</summary>
    public static EncodedClip Read(Stream input)
    {
        Span<byte> h = stackalloc byte[HeaderSize];
        input.ReadExactly(h);
        if (!h[..4].SequenceEqual("TKOP"u8) || h[4] != Version)
        {
            throw new InvalidDataException("not a version 1 TKOP packet file");
        }

        var count = BinaryPrimitives.ReadInt32LittleEndian(h[24..]);
        var packets = new List<ReadOnlyMemory<byte>>(count);
        Span<byte> length = stackalloc byte[2];
        for (var i = 0; i < count; i++)
        {
            input.ReadExactly(length);
            var packet = new byte[BinaryPrimitives.ReadUInt16LittleEndian(length)];
            input.ReadExactly(packet);
            packets.Add(packet);
        }

        return new EncodedClip(
            BinaryPrimitives.ReadInt32LittleEndian(h[8..]),
            h[5],
            BinaryPrimitives.ReadUInt16LittleEndian(h[6..]),
            BinaryPrimitives.ReadUInt16LittleEndian(h[12..]),
            BinaryPrimitives.ReadInt64LittleEndian(h[16..]),
            BinaryPrimitives.ReadInt32LittleEndian(h[28..]),
            packets);
    }
}
