namespace TanKy.Hub.Broadcasts.Sources;

/// <summary>
/// Joins stored clips into one broadcast: a chime before and after a bulletin, a siren before an
/// emergency message, and the whole sequence repeated with silence between. One stream carries
/// it all, so the speakers hear it without gaps a new play order would add.
/// </summary>
public static class Playlist
{
    public static MediaPackets Compose(IReadOnlyList<MediaPackets> parts, int repeat = 1, TimeSpan gap = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parts.Count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeat, 1);
        if (parts.Count == 1 && repeat == 1)
        {
            return parts[0];
        }

        var gapFrames = (int)Math.Ceiling(gap.TotalMilliseconds / 20.0);
        var silence = SilencePacket.Value;
        var packets = new List<ReadOnlyMemory<byte>>();
        long samples = 0;
        var first = true;
        for (var r = 0; r < repeat; r++)
        {
            if (r > 0)
            {
                packets.AddRange(Enumerable.Repeat(silence, gapFrames));
                samples += gapFrames * AudioSourceFormat.FrameSamples;
            }

            foreach (var part in parts)
            {
                packets.AddRange(part.Packets);

                // After the first clip the decoder plays each clip's encoder look-ahead as audio.
                samples += part.SampleCount ?? (long)part.Packets.Count * AudioSourceFormat.FrameSamples;
                samples += first ? 0 : part.PreSkip;
                first = false;
            }
        }

        var title = string.Join(" + ", parts.Select(p => p.Title)) + (repeat > 1 ? $" ×{repeat}" : "");
        return new MediaPackets(title, packets, samples, parts[0].PreSkip);
    }

    // A real Opus frame of silence: an empty packet would make every speaker run packet-loss
    // concealment and count the gap as loss in the delivery report.
    private static readonly Lazy<ReadOnlyMemory<byte>> SilencePacket = new(() =>
    {
        var encoder = SignalEncoder.CreateEncoder();
        var buffer = new byte[1275];
        var length = encoder.Encode(new float[AudioSourceFormat.FrameSamples], AudioSourceFormat.FrameSamples, buffer, buffer.Length);
        return buffer.AsMemory(0, length).ToArray();
    });
}
