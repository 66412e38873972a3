namespace TanKy.Hub.Broadcasts.Archive;

/// <summary>One Ogg page as read from a file, after its capture pattern and CRC were checked.</summary>
internal sealed record OggPage(
    OggHeaderType HeaderType,
    long GranulePosition,
    uint Serial,
    uint Sequence,
    byte[] Segments,
    byte[] Body,
    long Offset)
{
    /// <summary>Fixed part of the page header, before the segment table.</summary>
    public const int HeaderSize = 27;

    /// <summary>A lacing value below 255 ends a packet (RFC 3533 §5).</summary>
    public const int MaxSegments = 255;

    public const int MaxLacingValue = 255;

    /// <summary>Granule position of a page on which no packet completes.</summary>
    public const long NoGranule = -1;

    public static ReadOnlySpan<byte> CapturePattern => "OggS"u8;

    public long Length => HeaderSize + Segments.Length + Body.Length;

    public bool Has(OggHeaderType flag) => (HeaderType & flag) == flag;
}
