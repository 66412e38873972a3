using System.Buffers.Text;

namespace TanKy.Protocol.Messages;

/// <summary>
/// Writes a time reply without allocating: the hub answers every node's sync request on the hot
/// path. The bytes equal <see cref="ProtocolJson.Serialize(TimeReplyMessage)"/>'s (golden-tested).
/// </summary>
public static class TimeReplyFormat
{
    /// <summary>Room for the field names and three 20-digit numbers.</summary>
    public const int MaxBytes = 32 + (3 * 20);

    public static int Write(Span<byte> destination, long t1, long t2, long t3)
    {
        var at = Append(destination, 0, "{\"v\":1,\"t1\":"u8);
        at = AppendNumber(destination, at, t1);
        at = Append(destination, at, ",\"t2\":"u8);
        at = AppendNumber(destination, at, t2);
        at = Append(destination, at, ",\"t3\":"u8);
        at = AppendNumber(destination, at, t3);
        return Append(destination, at, "}"u8);
    }

    private static int Append(Span<byte> destination, int at, ReadOnlySpan<byte> text)
    {
        text.CopyTo(destination[at..]);
        return at + text.Length;
    }

    private static int AppendNumber(Span<byte> destination, int at, long value)
    {
        Utf8Formatter.TryFormat(value, destination[at..], out var written);
        return at + written;
    }
}
