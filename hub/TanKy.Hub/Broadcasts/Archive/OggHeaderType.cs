namespace TanKy.Hub.Broadcasts.Archive;

/// <summary>The header-type flags of an Ogg page (RFC 3533 §6, byte 5).</summary>
[Flags]
internal enum OggHeaderType : byte
{
    None = 0,

    /// <summary>The page starts with the rest of a packet begun on the previous page.</summary>
    Continued = 0x01,

    /// <summary>First page of the logical bitstream.</summary>
    BeginOfStream = 0x02,

    /// <summary>Last page of the logical bitstream.</summary>
    EndOfStream = 0x04,
}
