using System.Buffers.Binary;
using System.Text;

namespace TanKy.Hub.Media;

/// <summary>
/// Walks the RIFF chunks of a WAV file and checks its format before any decoder sees it.
/// NAudio's reader trusts the data chunk's size, so truncation is detected here: a data chunk
/// that claims more bytes than the file holds is a cut upload.
/// </summary>
internal static class WavProbe
{
    private const ushort Pcm = 1;
    private const ushort IeeeFloat = 3;
    private const ushort Extensible = 0xFFFE;

    public static ProbeResult Probe(Stream file, MediaOptions options)
    {
        var length = file.Length;
        Span<byte> head = stackalloc byte[8];
        file.Position = 12;
        byte[]? fmt = null;
        long dataSize = -1;
        while (file.Position + 8 <= length)
        {
            file.ReadExactly(head);
            var id = Encoding.ASCII.GetString(head[..4]);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(head[4..]);
            if (file.Position + size > length)
            {
                return MediaRejection.Truncated($"chunk '{id}' claims {size} bytes, {length - file.Position} present");
            }

            if (id == "data")
            {
                dataSize = size;
                break;
            }

            var next = file.Position + size + (size & 1);
            if (id == "fmt ")
            {
                fmt = new byte[size];
                file.ReadExactly(fmt);
            }

            file.Position = next;
        }

        if (fmt is null || dataSize < 0)
        {
            return MediaRejection.Truncated(fmt is null ? "no 'fmt ' chunk" : "no 'data' chunk");
        }

        return CheckFormat(fmt, dataSize, options);
    }

    private static ProbeResult CheckFormat(byte[] fmt, long dataSize, MediaOptions options)
    {
        if (fmt.Length < 16)
        {
            return MediaRejection.Truncated("'fmt ' chunk shorter than 16 bytes");
        }

        var tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        var channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt.AsSpan(2));
        var rate = BinaryPrimitives.ReadInt32LittleEndian(fmt.AsSpan(4));
        var blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt.AsSpan(12));
        var bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt.AsSpan(14));
        if (tag == Extensible && fmt.Length >= 26)
        {
            // WAVE_FORMAT_EXTENSIBLE: the real format tag is the first two bytes of the sub-format GUID.
            tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt.AsSpan(24));
        }

        var described = $"format tag 0x{tag:X4}, {bits}-bit, {rate} Hz, {channels} channel(s)";
        var sampleOk = (tag == Pcm && bits is 16 or 24) || (tag == IeeeFloat && bits == 32);
        if (!sampleOk || rate is < 8000 or > 48000 || channels is < 1 or > 2)
        {
            return MediaRejection.Unsupported(described);
        }

        if (blockAlign != channels * bits / 8)
        {
            return MediaRejection.Corrupt($"block align {blockAlign} does not match {described}");
        }

        var frames = dataSize / blockAlign;
        if (frames == 0)
        {
            return MediaRejection.Empty("data chunk holds no sample");
        }

        if (frames > (long)options.MaxDurationSeconds * rate)
        {
            return MediaRejection.TooLong(options.MaxDurationSeconds);
        }

        return new ProbedAudio(AudioContainer.Wav, rate, channels, frames);
    }
}
