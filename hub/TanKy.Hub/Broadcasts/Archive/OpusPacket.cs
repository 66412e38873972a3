namespace TanKy.Hub.Broadcasts.Archive;

/// <summary>
/// Reads the duration of an Opus packet from its TOC byte (RFC 6716 §3.1), in 48 kHz samples,
/// so the archive can check what callers claim and the reader can count decoded samples.
/// </summary>
internal static class OpusPacket
{
    /// <summary>An Opus packet never carries more than 120 ms.</summary>
    public const int MaxSamples = 5760;

    /// <summary>Samples at 48 kHz, or -1 when the packet is empty or malformed.</summary>
    public static int GetSamples(ReadOnlySpan<byte> packet)
    {
        if (packet.IsEmpty)
        {
            return -1;
        }

        var toc = packet[0];
        var config = toc >> 3;
        var frameSize = config switch
        {
            < 12 => SilkFrame(config & 3),
            < 16 => (config & 1) == 0 ? 480 : 960,
            _ => 120 << (config & 3),
        };

        var frames = (toc & 3) switch
        {
            0 => 1,
            1 or 2 => 2,
            _ => packet.Length < 2 ? -1 : packet[1] & 0x3F,
        };

        if (frames <= 0)
        {
            return -1;
        }

        var samples = frameSize * frames;
        return samples > MaxSamples ? -1 : samples;
    }

    // SILK-only configurations cycle 10, 20, 40, 60 ms.
    private static int SilkFrame(int index) => index switch
    {
        0 => 480,
        1 => 960,
        2 => 1920,
        _ => 2880,
    };
}
