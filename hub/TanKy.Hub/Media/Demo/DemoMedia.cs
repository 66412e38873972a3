using System.Security.Cryptography;
using System.Text.RegularExpressions;
using TanKy.Hub.Broadcasts.Sources;
using TanKy.Hub.Media;
using TanKy.Hub.Shared.Data;
using TanKy.Hub.Cli;

namespace TanKy.Hub.Media.Demo;

/// <summary>
/// The demo's stand-in audio: the sample programme in <c>schedules/</c> names clips (chimes,
/// bulletins) that a real commune records. For each id it names and the library lacks, the demo
/// stores a generated test signal under that id (5 s for a chime, 30 s otherwise), so the sample
/// programme validates, shows in the agenda and airs at its times.
/// </summary>
public static partial class DemoMedia
{
    /// <summary>
    /// Stand-in clips for every media id the programme files in <paramref name="folder"/> name, each
    /// titled as what it stands for (<c>demo-clips.tsv</c>: "Nhạc hiệu đầu giờ", "Bản tin sáng…").
    /// Stand-ins stored by an older demo under "Âm thanh mẫu (demo) m-…" are renamed.
    /// </summary>
    public static int Provision(Database db, string folder)
    {
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        var ids = Directory.EnumerateFiles(folder, "*.yaml")
            .SelectMany(f => MediaId().Matches(File.ReadAllText(f)).Select(m => m.Value))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        var repository = new MediaRepository(db);
        var catalogue = DemoClipCatalogue.Load();
        var added = 0;
        for (var i = 0; i < ids.Count; i++)
        {
            var id = ids[i];
            var (title, length) = catalogue.For(id, i + 1);
            if (repository.Get(id) is { } existing)
            {
                if (existing.UploadedBy == DemoUploader && existing.Title != title && existing.Title.StartsWith(DemoClipCatalogue.OldTitlePrefix, StringComparison.Ordinal))
                {
                    repository.Retitle(id, title);
                }

                continue;
            }

            // A soft tone of its own pitch per clip: distinct bytes (the library de-duplicates by SHA-256).
            var hz = 200 + (id.Aggregate(17, (h, c) => unchecked((h * 31) + c)) & 0x1FF);
            if (Store(db, id, title, length, n => 0.2f * MathF.Sin(2 * MathF.PI * hz * n / AudioSourceFormat.SampleRate), DemoUploader) is not null)
            {
                added++;
            }
        }

        return added;
    }

    private const string DemoUploader = "demo";

    /// <summary>
    /// Encodes a generated signal and stores it in the library under a chosen id, as an import
    /// would (stream file + row). Null when the id or the bytes are already in the library.
    /// </summary>
    internal static MediaItem? Store(Database db, string id, string title, TimeSpan length, Func<long, float> signal, string by)
    {
        var packets = SignalEncoder.Encode(title, (long)(length.TotalSeconds * AudioSourceFormat.SampleRate), signal);
        var clip = new EncodedClip(AudioSourceFormat.SampleRate, 1, AudioSourceFormat.FrameSamples, packets.PreSkip, packets.SampleCount ?? 0, SignalEncoder.Bitrate, packets.Packets);
        var path = Path.Combine(Directory.CreateDirectory(new MediaStore(db.DataDir).ItemDirectory(id)).FullName, MediaStore.StreamFileName);
        using (var file = File.Create(path))
        {
            OpusPacketFile.WriteHeader(file, clip, clip.Packets.Count);
            foreach (var p in clip.Packets)
            {
                OpusPacketFile.WritePacket(file, p.Span);
            }
        }

        var bytes = File.ReadAllBytes(path);
        var item = new MediaItem(id, title, (long)length.TotalMilliseconds, Convert.ToHexStringLower(SHA256.HashData(bytes)), id + ".generated", "generated", bytes.Length,
            AudioSourceFormat.SampleRate, 1, -16, -16, -16, 0, -3, clip.SampleCount, clip.Packets.Count, clip.PreSkip, clip.Bitrate, bytes.Length, by, DateTimeOffset.UtcNow);
        return new MediaRepository(db).TryInsert(item) ? item : null;
    }

    [GeneratedRegex("\\bm-[a-z2-7]{10}\\b")]
    private static partial Regex MediaId();
}
