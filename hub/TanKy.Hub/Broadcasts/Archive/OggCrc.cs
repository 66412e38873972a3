namespace TanKy.Hub.Broadcasts.Archive;

/// <summary>
/// The Ogg page checksum (RFC 3533 §6): CRC-32 with polynomial 0x04C11DB7, bits taken most
/// significant first (no reflection), initial value 0 and no final XOR. This is not the zlib
/// CRC-32 (which is reflected and inverted), so <c>System.IO.Hashing.Crc32</c> cannot be used.
/// </summary>
internal static class OggCrc
{
    private const uint Polynomial = 0x04C11DB7;

    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data) => Update(0, data);

    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            crc = (crc << 8) ^ Table[(int)((crc >> 24) ^ b)];
        }

        return crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var r = i << 24;
            for (var bit = 0; bit < 8; bit++)
            {
                r = (r & 0x80000000) != 0 ? (r << 1) ^ Polynomial : r << 1;
            }

            table[i] = r;
        }

        return table;
    }
}
