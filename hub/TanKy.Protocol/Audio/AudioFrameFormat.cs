namespace TanKy.Protocol.Audio;

/// <summary>
/// Fixed numbers of the binary audio frame message on <c>stream/{streamId}</c>
/// (hub/docs/protocol-audio.md §1). All multi-byte fields are little-endian: every target
/// (x64 hub, ARM and Xtensa nodes) is little-endian, so nodes read fields without swapping.
/// </summary>
public static class AudioFrameFormat
{
    /// <summary>Bytes 0–1: ASCII "TK". Tells a binary audio payload from stray JSON at a glance.</summary>
    public const byte Magic0 = 0x54;

    public const byte Magic1 = 0x4B;

    /// <summary>Byte 2. A node drops any other value: a new layout gets a new version.</summary>
    public const byte FormatVersion = 1;

    /// <summary>Fixed header length; the first frame's length prefix starts here.</summary>
    public const int HeaderLength = 28;

    /// <summary>Bytes of each frame's length prefix (uint16).</summary>
    public const int LengthPrefixBytes = 2;

    public const int MinFrames = 1;

    public const int MaxFrames = 16;

    /// <summary>Five 20 ms frames per message: 10 messages/s per stream (DESIGN §3).</summary>
    public const int DefaultFramesPerMessage = 5;

    /// <summary>Largest Opus packet for one frame (RFC 6716 §3.4, R2).</summary>
    public const int MaxOpusPacketBytes = 1275;

    /// <summary>Opus always decodes at 48 kHz here, so frame durations are counted in 48 kHz samples.</summary>
    public const int SampleRate = 48_000;

    /// <summary>20 ms at 48 kHz.</summary>
    public const int DefaultFrameSamples = 960;

    /// <summary>Upper bound for one message, header included.</summary>
    public const int MaxMessageBytes = ProtocolConstants.MaxStreamPayloadBytes;

    /// <summary>A node releases a stream that sent no frame for this long (DESIGN §4).</summary>
    public static readonly TimeSpan StreamIdleTimeout = TimeSpan.FromSeconds(1);

    /// <summary>
    /// While a node's own link is down it holds its stream this long instead (concealing), then
    /// counts <see cref="StreamIdleTimeout"/> again from the reconnection (protocol.md §8.2.6).
    /// </summary>
    public static readonly TimeSpan LinkDownHold = TimeSpan.FromSeconds(10);

    /// <summary>Frame sizes Opus allows: 2.5, 5, 10, 20, 40 and 60 ms. Each is a whole number of µs.</summary>
    public static bool IsValidOpusFrameSamples(int samples) =>
        samples is 120 or 240 or 480 or 960 or 1920 or 2880;

    /// <summary>Duration of <paramref name="samples"/> 48 kHz samples in µs (exact for every Opus size).</summary>
    public static long SamplesToMicros(int samples) => samples * 1_000_000L / SampleRate;
}
