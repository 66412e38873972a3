using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace TanKy.Protocol.Audio;

/// <summary>Reading and validating the binary form. Every rule here is a "drop" rule for nodes.</summary>
public sealed partial class AudioFrameMessage
{
    // Keeps PlayoutMicrosOf(15) of a 60 ms frame inside long without overflow checks on nodes.
    private const long MaxPlayoutMicros = long.MaxValue - (AudioFrameFormat.MaxFrames * 60_000L);

    /// <summary>
    /// Parses one payload. Never throws: any malformed, truncated, oversized or unsupported input
    /// gives false and a short reason (for counters and logs, not for the sender).
    /// </summary>
    public static bool TryParse(
        ReadOnlySpan<byte> payload,
        [NotNullWhen(true)] out AudioFrameMessage? message,
        [NotNullWhen(false)] out string? error)
    {
        message = null;
        error = ParseCore(payload, ref message);
        return error is null;
    }

    private static string? ParseCore(ReadOnlySpan<byte> payload, ref AudioFrameMessage? message)
    {
        if (payload.Length > AudioFrameFormat.MaxMessageBytes)
        {
            return $"too large: {payload.Length} bytes, limit {AudioFrameFormat.MaxMessageBytes}";
        }

        if (payload.Length < AudioFrameFormat.HeaderLength)
        {
            return $"truncated header: {payload.Length} of {AudioFrameFormat.HeaderLength} bytes";
        }

        if (payload[0] != AudioFrameFormat.Magic0 || payload[1] != AudioFrameFormat.Magic1)
        {
            return "bad magic";
        }

        if (payload[2] != AudioFrameFormat.FormatVersion)
        {
            return $"unsupported format version {payload[2]}";
        }

        var codec = (AudioCodec)payload[3];
        var flags = (AudioFrameFlags)payload[4];
        int count = payload[5];
        int samples = BinaryPrimitives.ReadUInt16LittleEndian(payload[6..]);
        var playout = BinaryPrimitives.ReadInt64LittleEndian(payload[8..]);
        var hash = BinaryPrimitives.ReadUInt32LittleEndian(payload[16..]);
        var epoch = BinaryPrimitives.ReadUInt32LittleEndian(payload[20..]);
        var sequence = BinaryPrimitives.ReadUInt32LittleEndian(payload[24..]);

        var headerError = CheckHeader(codec, count, samples, playout, sequence);
        if (headerError is not null)
        {
            return headerError;
        }

        // Walk the length prefixes once to check bounds before allocating anything.
        var ranges = new (int Start, int Length)[count];
        var at = AudioFrameFormat.HeaderLength;
        for (var i = 0; i < count; i++)
        {
            if (payload.Length - at < AudioFrameFormat.LengthPrefixBytes)
            {
                return $"frame {i}: length prefix truncated";
            }

            int length = BinaryPrimitives.ReadUInt16LittleEndian(payload[at..]);
            at += AudioFrameFormat.LengthPrefixBytes;
            if (length > AudioFrameFormat.MaxOpusPacketBytes)
            {
                return $"frame {i}: packet of {length} bytes exceeds {AudioFrameFormat.MaxOpusPacketBytes}";
            }

            if (payload.Length - at < length)
            {
                return $"frame {i}: packet of {length} bytes overruns the message";
            }

            ranges[i] = (at, length);
            at += length;
        }

        if (at != payload.Length)
        {
            return $"{payload.Length - at} trailing bytes after frame {count - 1}";
        }

        // One copy of the whole payload; packets are slices of it.
        var owned = payload.ToArray();
        var packets = new ReadOnlyMemory<byte>[count];
        for (var i = 0; i < count; i++)
        {
            packets[i] = owned.AsMemory(ranges[i].Start, ranges[i].Length);
        }

        message = new AudioFrameMessage(codec, flags, hash, epoch, sequence, playout, samples, packets);
        return null;
    }

    private static string? Check(
        AudioCodec codec,
        int count,
        int samples,
        long playout,
        uint sequence,
        ReadOnlyMemory<byte>[] packets)
    {
        var error = CheckHeader(codec, count, samples, playout, sequence);
        if (error is not null)
        {
            return error;
        }

        var length = AudioFrameFormat.HeaderLength;
        for (var i = 0; i < packets.Length; i++)
        {
            if (packets[i].Length > AudioFrameFormat.MaxOpusPacketBytes)
            {
                return $"frame {i}: packet of {packets[i].Length} bytes exceeds {AudioFrameFormat.MaxOpusPacketBytes}";
            }

            length += AudioFrameFormat.LengthPrefixBytes + packets[i].Length;
        }

        return length > AudioFrameFormat.MaxMessageBytes
            ? $"too large: {length} bytes, limit {AudioFrameFormat.MaxMessageBytes}"
            : null;
    }

    private static string? CheckHeader(AudioCodec codec, int count, int samples, long playout, uint sequence)
    {
        if (codec != AudioCodec.Opus)
        {
            return $"unsupported codec {(byte)codec}";
        }

        if (count is < AudioFrameFormat.MinFrames or > AudioFrameFormat.MaxFrames)
        {
            return $"frame count {count} outside {AudioFrameFormat.MinFrames}–{AudioFrameFormat.MaxFrames}";
        }

        if (!AudioFrameFormat.IsValidOpusFrameSamples(samples))
        {
            return $"frame duration of {samples} samples is not an Opus frame size";
        }

        if (playout is < 0 or > MaxPlayoutMicros)
        {
            return $"play-out time {playout} µs out of range";
        }

        // Sequence numbers never wrap inside a broadcast (2^32 frames of 20 ms = 2.7 years).
        if (sequence > uint.MaxValue - (uint)(count - 1))
        {
            return "sequence number wraps inside the message";
        }

        return null;
    }
}
