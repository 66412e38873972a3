using System.Buffers.Binary;

namespace TanKy.Bench;

/// <summary>
/// The benchmark's programme: a voice-like signal (announcer fundamental around 210 Hz with
/// harmonics, syllable envelope, pauses), 48 kHz mono, and the wire size of streaming it.
/// </summary>
internal static class FanoutClip
{
    public const int Rate = 48_000;

    public static float[] Generate(double seconds)
    {
        var random = new Random(3);
        var samples = new float[(int)(seconds * Rate)];
        var phase = 0.0;
        for (var i = 0; i < samples.Length; i++)
        {
            var t = (double)i / Rate;
            phase += 2 * Math.PI * 210 * (1 + (0.15 * Math.Sin(2 * Math.PI * 0.6 * t))) / Rate;
            var voiced = 0.0;
            for (var h = 1; h <= 12; h++)
            {
                voiced += Math.Sin(h * phase) / h;
            }

            var envelope = Math.Max(0, Math.Sin(2 * Math.PI * 4 * t)) * ((t % 2.0) < 1.7 ? 1.0 : 0.0);
            samples[i] = (float)(((0.25 * voiced) + (0.02 * ((random.NextDouble() * 2) - 1))) * envelope);
        }

        return samples;
    }

    public static byte[] ToWav(float[] samples)
    {
        var bytes = new byte[44 + (samples.Length * 2)];
        "RIFF"u8.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), bytes.Length - 8);
        "WAVEfmt "u8.CopyTo(bytes.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(20), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(22), 1);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(24), Rate);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(28), Rate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(32), 2);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(34), 16);
        "data"u8.CopyTo(bytes.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(40), samples.Length * 2);
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(44 + (2 * i)), (short)Math.Clamp(Math.Round(samples[i] * 32767), -32768, 32767));
        }

        return bytes;
    }

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
