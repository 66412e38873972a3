namespace TanKy.Hub.Media;

/// <summary>
/// The 4-byte MPEG audio frame header (ISO 11172-3 / 13818-3), parsed only to recognise MP3
/// content and to find the next frame: two frames in a row are far less likely by chance than
/// one sync word, so random bytes are not taken for audio. Version: 1 = MPEG-1, 2 = MPEG-2,
/// 25 = MPEG-2.5; Layer: 1–3.
/// </summary>
internal readonly record struct MpegFrameHeader(int Version, int Layer, int BitrateKbps, int SampleRate, bool Padding, int Channels)
{
    private static readonly int[][] Bitrates =
    [
        [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448], // MPEG-1 layer I
        [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],    // MPEG-1 layer II
        [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],     // MPEG-1 layer III
        [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],    // MPEG-2/2.5 layer I
        [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],         // MPEG-2/2.5 layers II, III
    ];

    private static readonly int[] Mpeg1Rates = [44100, 48000, 32000];

    public int FrameLength
    {
        get
        {
            var pad = Padding ? 1 : 0;
            var bits = BitrateKbps * 1000;
            return Layer switch
            {
                1 => ((12 * bits / SampleRate) + pad) * 4,
                3 when Version != 1 => (72 * bits / SampleRate) + pad,
                _ => (144 * bits / SampleRate) + pad,
            };
        }
    }

    public static bool TryParse(ReadOnlySpan<byte> b, out MpegFrameHeader header)
    {
        header = default;
        if (b.Length < 4 || b[0] != 0xFF || (b[1] & 0xE0) != 0xE0)
        {
            return false;
        }

        var versionBits = (b[1] >> 3) & 3;
        var layerBits = (b[1] >> 1) & 3;
        var bitrateIndex = b[2] >> 4;
        var rateIndex = (b[2] >> 2) & 3;

        // Reserved values, and "free format" (index 0) whose frame length cannot be computed.
        if (versionBits == 1 || layerBits == 0 || bitrateIndex is 0 or 15 || rateIndex == 3)
        {
            return false;
        }

        var version = versionBits switch { 3 => 1, 2 => 2, _ => 25 };
        var layer = 4 - layerBits;
        var table = version == 1 ? layer - 1 : (layer == 1 ? 3 : 4);
        var rate = Mpeg1Rates[rateIndex] / (version == 1 ? 1 : version == 2 ? 2 : 4);
        header = new MpegFrameHeader(version, layer, Bitrates[table][bitrateIndex], rate, (b[2] & 2) != 0, (b[3] >> 6) == 3 ? 1 : 2);
        return true;
    }
}
