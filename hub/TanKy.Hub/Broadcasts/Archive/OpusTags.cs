using System.Buffers.Binary;
using System.Text;

namespace TanKy.Hub.Broadcasts.Archive;

/// <summary>
/// The Ogg Opus comment header (RFC 7845 §5.2): a vendor string and "NAME=value" comments,
/// all UTF-8 with 32-bit little-endian lengths (the Vorbis comment layout without framing bit).
/// </summary>
internal sealed record OpusTags(string Vendor, IReadOnlyList<KeyValuePair<string, string>> Comments)
{
    public static ReadOnlySpan<byte> Magic => "OpusTags"u8;

    public string? this[string name] =>
        Comments.FirstOrDefault(c => string.Equals(c.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    public byte[] ToBytes()
    {
        var vendor = Encoding.UTF8.GetBytes(Vendor);
        var comments = Comments.Select(c => Encoding.UTF8.GetBytes(ValidName(c.Key) + "=" + c.Value)).ToList();
        var bytes = new byte[8 + 4 + vendor.Length + 4 + comments.Sum(c => 4 + c.Length)];
        var span = bytes.AsSpan();
        Magic.CopyTo(span);
        var at = 8;
        BinaryPrimitives.WriteUInt32LittleEndian(span[at..], (uint)vendor.Length);
        vendor.CopyTo(span[(at + 4)..]);
        at += 4 + vendor.Length;
        BinaryPrimitives.WriteUInt32LittleEndian(span[at..], (uint)comments.Count);
        at += 4;
        foreach (var c in comments)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span[at..], (uint)c.Length);
            c.CopyTo(span[(at + 4)..]);
            at += 4 + c.Length;
        }

        return bytes;
    }

    public static OpusTags Parse(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < 16 || !packet[..8].SequenceEqual(Magic))
        {
            throw new InvalidDataException("second packet is not an OpusTags comment header");
        }

        var at = 8;
        var vendor = ReadString(packet, ref at);
        var count = ReadLength(packet, ref at);
        var comments = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < count; i++)
        {
            var text = ReadString(packet, ref at);
            var eq = text.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                comments.Add(new(text[..eq], text[(eq + 1)..]));
            }
        }

        return new OpusTags(vendor, comments);
    }

    private static string ValidName(string name)
    {
        // Field names are ASCII 0x20–0x7D without '=' (Vorbis comment rules, kept by RFC 7845).
        if (name.Length == 0 || name.Any(ch => ch is < (char)0x20 or > (char)0x7D or '='))
        {
            throw new ArgumentException($"invalid comment name '{name}'", nameof(name));
        }

        return name;
    }

    private static int ReadLength(ReadOnlySpan<byte> packet, ref int at)
    {
        if (packet.Length - at < 4)
        {
            throw new InvalidDataException("OpusTags is truncated");
        }

        var value = BinaryPrimitives.ReadUInt32LittleEndian(packet[at..]);
        at += 4;
        if (value > (uint)(packet.Length - at))
        {
            throw new InvalidDataException("OpusTags length points past the end of the packet");
        }

        return (int)value;
    }

    private static string ReadString(ReadOnlySpan<byte> packet, ref int at)
    {
        var length = ReadLength(packet, ref at);
        var text = Encoding.UTF8.GetString(packet.Slice(at, length));
        at += length;
        return text;
    }
}
