using System.Buffers.Binary;

namespace TanKy.DeviceSim.Cache;

/// <summary>A verified clip file (<c>TKOP</c> packet file, protocol.md §4.11): its pre-skip and Opus packets.</summary>
internal sealed record CachedClip(string Sha256, int PreSkip, long SampleCount, IReadOnlyList<ReadOnlyMemory<byte>> Packets)
{
    private const int HeaderSize = 32;

    /// <summary>Null when the file is not a well-formed version 1 mono 48 kHz 20 ms packet file.</summary>
    public static CachedClip? TryRead(byte[] file, string sha256)
    {
        if (file.Length < HeaderSize || !file.AsSpan(0, 4).SequenceEqual("TKOP"u8) || file[4] != 1 || file[5] != 1
            || BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(6)) != 960 || BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(8)) != 48_000)
        {
            return null;
        }

        var preSkip = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(12));
        var samples = BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(16));
        var count = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(24));
        var packets = new List<ReadOnlyMemory<byte>>(Math.Clamp(count, 0, 1 << 20));
        var at = HeaderSize;
        for (var i = 0; i < count; i++)
        {
            if (at + 2 > file.Length)
            {
                return null;
            }

            var length = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(at));
            at += 2;
            if (length == 0 || at + length > file.Length)
            {
                return null;
            }

            packets.Add(file.AsMemory(at, length));
            at += length;
        }

        return at == file.Length && count > 0 ? new CachedClip(sha256, preSkip, samples, packets) : null;
    }
}
