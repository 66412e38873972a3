namespace TanKy.Hub.Media;

/// <summary>Why an upload was refused. The wire codes (see <see cref="MediaRejection.Code"/>) are stable API.</summary>
public enum MediaRejectionReason
{
    /// <summary>Zero bytes, or a valid container with no audio in it.</summary>
    Empty,

    /// <summary>The header promises more data than the file holds, or an MP3 has no decodable frame.</summary>
    Truncated,

    /// <summary>Neither RIFF/WAVE nor MPEG audio, judged by content (the file name is not trusted).</summary>
    WrongHeader,

    /// <summary>A WAV we do not decode: 8-bit, ADPCM, above 48 kHz, more than 2 channels…</summary>
    UnsupportedFormat,

    /// <summary>More bytes than <see cref="MediaOptions.MaxUploadBytes"/>.</summary>
    TooLarge,

    /// <summary>Longer than <see cref="MediaOptions.MaxDurationSeconds"/>.</summary>
    TooLong,

    /// <summary>Only digital silence (nothing above the −70 LUFS gate): nothing to normalise or broadcast.</summary>
    Silent,

    /// <summary>The decoder failed part-way through for another reason.</summary>
    Corrupt,

    /// <summary>The title is empty, too long or holds control characters.</summary>
    InvalidTitle,
}
