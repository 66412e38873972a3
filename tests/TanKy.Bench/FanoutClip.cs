using TanKy.Hub.Tests.Support;

namespace TanKy.Bench;

/// <summary>
/// The benchmark's programme: a voice-like signal (announcer fundamental around 210 Hz with
/// harmonics, syllable envelope, pauses), 48 kHz mono, and the wire size of streaming it.
/// </summary>
internal static class FanoutClip
{
    /// <summary>The voice-like test signal (<see cref="SpeechSignal"/>, shared with the end-to-end tests), seed 3.</summary>
    public static float[] Generate(double seconds) => SpeechSignal.Generate(seconds, seed: 3);

    /// <summary>
    /// kbit/s one node receives for this stream: each message of <paramref name="framesPerMessage"/>
    /// frames is a 28-byte header plus 2 + n bytes per frame (protocol.md §8.1.1), inside an MQTT
    /// 3.1.1/5 QoS 0 PUBLISH: 1 byte fixed header, the remaining-length varint, 2 + topic bytes
    /// (MQTT 5 adds 1 byte of empty properties). TCP/IP headers are not included.
    /// </summary>
    public static (double PayloadKbps, double WireKbps, int Messages) Bandwidth(IReadOnlyList<ReadOnlyMemory<byte>> packets, double seconds, string topic, int framesPerMessage = 5)
    {
        long payload = 0, wire = 0;
        var messages = 0;
        for (var at = 0; at < packets.Count; at += framesPerMessage)
        {
            var body = 28 + packets.Skip(at).Take(framesPerMessage).Sum(p => 2 + p.Length);
            var remaining = 2 + System.Text.Encoding.UTF8.GetByteCount(topic) + 1 + body;
            var varint = remaining < 128 ? 1 : remaining < 16_384 ? 2 : 3;
            payload += body;
            wire += 1 + varint + remaining;
            messages++;
        }

        return (payload * 8 / seconds / 1000, wire * 8 / seconds / 1000, messages);
    }
}
