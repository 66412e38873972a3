namespace TanKy.Hub.Media;

/// <summary>
/// The one validation path for every upload (CLI and HTTP): what the bytes are, judged by
/// content and never by file name, and whether we accept them. Decoding comes after.
/// </summary>
internal static class AudioProbe
{
    /// <summary>How far past an ID3 tag we look for the first MPEG frame (encoders pad a little).</summary>
    private const int MpegSyncSearchBytes = 64 * 1024;

    public static ProbeResult Probe(Stream file, MediaOptions options)
    {
        if (file.Length == 0)
        {
            return MediaRejection.Empty("0 bytes");
        }

        if (file.Length > options.MaxUploadBytes)
        {
            return MediaRejection.TooLarge(options.MaxUploadBytes);
        }

        Span<byte> head = stackalloc byte[12];
        file.Position = 0;
        var n = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..n];
        if (IsRiffWave(head, out var riffVariant))
        {
            return riffVariant == "RIFF"
                ? WavProbe.Probe(file, options)
                : MediaRejection.Unsupported($"{riffVariant} WAVE container (only RIFF)");
        }

        if (n < 12 && head.StartsWith("RIFF"u8))
        {
            return MediaRejection.Truncated($"{n}-byte RIFF header");
        }

        return ProbeMpeg(file);
    }

    private static bool IsRiffWave(ReadOnlySpan<byte> head, out string variant)
    {
        variant = head.Length >= 4 ? System.Text.Encoding.ASCII.GetString(head[..4]) : "";
        return head.Length >= 12 && variant is "RIFF" or "RIFX" or "RF64" or "BW64" && head[8..12].SequenceEqual("WAVE"u8);
    }

    private static ProbeResult ProbeMpeg(Stream file)
    {
        var id3Length = Id3v2Length(file);
        if (id3Length is null)
        {
            // No tag: a raw MPEG stream must start with a frame, or we would take noise for audio.
            return FindFrames(file, 0, searchBytes: 1, tagged: false);
        }

        if (id3Length >= file.Length)
        {
            return MediaRejection.Truncated("ID3 tag but no audio after it");
        }

        return FindFrames(file, id3Length.Value, MpegSyncSearchBytes, tagged: true);
    }

    private static long? Id3v2Length(Stream file)
    {
        Span<byte> tag = stackalloc byte[10];
        file.Position = 0;
        if (file.ReadAtLeast(tag, 10, throwOnEndOfStream: false) < 10 || !tag[..3].SequenceEqual("ID3"u8))
        {
            return null;
        }

        // Syncsafe size: 4 × 7 bits, excluding the 10-byte header (and the footer if flagged).
        var size = (tag[6] << 21) | (tag[7] << 14) | (tag[8] << 7) | tag[9];
        return 10 + size + ((tag[5] & 0x10) != 0 ? 10 : 0);
    }

    private static ProbeResult FindFrames(Stream file, long start, int searchBytes, bool tagged)
    {
        var window = new byte[(int)Math.Min(searchBytes + 3, file.Length - start)];
        file.Position = start;
        file.ReadExactly(window);
        for (var i = 0; i + 4 <= window.Length && i < searchBytes; i++)
        {
            if (!MpegFrameHeader.TryParse(window.AsSpan(i), out var first))
            {
                continue;
            }

            var next = start + i + first.FrameLength;
            if (next > file.Length)
            {
                return MediaRejection.Truncated($"first MPEG frame needs {first.FrameLength} bytes, {file.Length - start - i} present");
            }

            if (next == file.Length || NextHeaderMatches(file, next, first))
            {
                return new ProbedAudio(AudioContainer.Mpeg, first.SampleRate, first.Channels, null);
            }
        }

        return tagged
            ? MediaRejection.Truncated("ID3 tag but no MPEG audio frame after it")
            : MediaRejection.WrongHeader("neither RIFF/WAVE nor an MPEG audio frame at the start");
    }

    private static bool NextHeaderMatches(Stream file, long position, MpegFrameHeader first)
    {
        Span<byte> b = stackalloc byte[4];
        file.Position = position;
        if (file.ReadAtLeast(b, 4, throwOnEndOfStream: false) < 4)
        {
            // A frame cut after its header bytes began: the decoder will keep the whole frames.
            return true;
        }

        return MpegFrameHeader.TryParse(b, out var second) && second.Version == first.Version && second.Layer == first.Layer && second.SampleRate == first.SampleRate;
    }
}
