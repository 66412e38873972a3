using TanKy.Protocol.Audio;

namespace TanKy.Protocol.Tests.Audio;

/// <summary>The golden message of hub/docs/protocol-audio.md §1.5, shared by the audio tests.</summary>
internal static class AudioFrameSamples
{
    public const string GoldenStreamId = "demo-1";

    public const string GoldenHex =
        "544B01010003C003004020464847060010F05F0C07000000FA000000" + "0300F8FFFE" + "0000" + "0200F801";

    public static AudioFrameMessage Golden() => new(
        streamHash: StreamIdHash.Compute(GoldenStreamId),
        epoch: 7,
        firstSequence: 250,
        firstPlayoutMicros: 1_767_225_600_000_000, // 2026-01-01T00:00:00Z
        packets: [new byte[] { 0xF8, 0xFF, 0xFE }, Array.Empty<byte>(), new byte[] { 0xF8, 0x01 }]);

    public static byte[] GoldenBytes() => Convert.FromHexString(GoldenHex);
}
