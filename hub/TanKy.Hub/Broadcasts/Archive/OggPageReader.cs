using System.Buffers.Binary;

namespace TanKy.Hub.Broadcasts.Archive;

/// <summary>
/// Reads Ogg pages one after the other and checks each one's capture pattern, version and CRC.
/// It stops (returns null) at the first page that is incomplete or damaged and says why, so a
/// file cut by a crash yields every page before the cut.
/// </summary>
internal sealed class OggPageReader(Stream input)
{
    private readonly byte[] _header = new byte[OggPage.HeaderSize];

    /// <summary>Offset just past the last page that was read intact.</summary>
    public long ValidLength { get; private set; }

    /// <summary>Why reading stopped before the end of the stream, or null.</summary>
    public string? StopReason { get; private set; }

    public OggPage? Next()
    {
        var offset = ValidLength;
        var got = input.ReadAtLeast(_header, _header.Length, throwOnEndOfStream: false);
        if (got == 0)
        {
            return null;
        }

        if (got < _header.Length)
        {
            return Stop($"truncated page header at byte {offset}");
        }

        if (!_header.AsSpan(0, 4).SequenceEqual(OggPage.CapturePattern))
        {
            return Stop($"no capture pattern at byte {offset}");
        }

        if (_header[4] != 0)
        {
            return Stop($"unknown Ogg version {_header[4]} at byte {offset}");
        }

        var segments = new byte[_header[26]];
        if (input.ReadAtLeast(segments, segments.Length, throwOnEndOfStream: false) < segments.Length)
        {
            return Stop($"truncated segment table at byte {offset}");
        }

        var body = new byte[segments.Sum(s => s)];
        if (input.ReadAtLeast(body, body.Length, throwOnEndOfStream: false) < body.Length)
        {
            return Stop($"truncated page body at byte {offset}");
        }

        var stored = BinaryPrimitives.ReadUInt32LittleEndian(_header.AsSpan(22));
        _header.AsSpan(22, 4).Clear();
        var crc = OggCrc.Update(OggCrc.Update(OggCrc.Compute(_header), segments), body);
        if (crc != stored)
        {
            return Stop($"CRC mismatch at byte {offset} (stored {stored:X8}, computed {crc:X8})");
        }

        var page = new OggPage(
            (OggHeaderType)_header[5],
            BinaryPrimitives.ReadInt64LittleEndian(_header.AsSpan(6)),
            BinaryPrimitives.ReadUInt32LittleEndian(_header.AsSpan(14)),
            BinaryPrimitives.ReadUInt32LittleEndian(_header.AsSpan(18)),
            segments,
            body,
            offset);
        ValidLength = offset + page.Length;
        return page;
    }

    private OggPage? Stop(string reason)
    {
        StopReason = reason;
        return null;
    }
}
