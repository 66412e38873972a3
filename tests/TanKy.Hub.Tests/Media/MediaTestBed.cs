using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NAudio.Wave;
using TanKy.Hub.Media;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.Media;

/// <summary>A media library over a fresh data directory, plus helpers to look inside it.</summary>
internal sealed class MediaTestBed : IDisposable
{
    private readonly TempDataDir _dir = new();

    public MediaTestBed(Action<MediaOptions>? configure = null)
    {
        Options = new MediaOptions();
        configure?.Invoke(Options);
        try
        {
            Library = new MediaLibrary(_dir.Db, Microsoft.Extensions.Options.Options.Create(Options), _dir.Time, NullLogger<MediaLibrary>.Instance);
        }
        catch
        {
            _dir.Dispose();
            throw;
        }
    }

    public MediaOptions Options { get; }

    public MediaLibrary Library { get; }

    public TempDataDir Dir => _dir;

    public string MediaRoot => Path.Combine(_dir.Path, "media");

    public Task<MediaImportResult> Import(byte[] bytes, string fileName = "ban-tin.wav", string title = "Bản tin sáng") =>
        Library.ImportAsync(new MemoryStream(bytes), fileName, title, "van-hoa", CancellationToken.None);

    public long RowCount()
    {
        using var c = _dir.Db.Open();
        return c.ExecuteScalar<long>("SELECT count(*) FROM media");
    }

    /// <summary>Every file under media/, staging included.</summary>
    public IReadOnlyList<string> Files() => Directory.EnumerateFiles(MediaRoot, "*", SearchOption.AllDirectories).ToList();

    /// <summary>Item directories (staging and the background jobs' spool excluded).</summary>
    public IReadOnlyList<string> ItemDirectories() => Directory.EnumerateDirectories(MediaRoot).Where(d => Path.GetFileName(d) is not (".staging" or ".jobs")).ToList();

    /// <summary>
    /// The clip decoded back from its stored Opus packets, pre-skip dropped, trimmed to its
    /// sample count; <paramref name="extra"/> samples of margin are kept before and after.
    /// </summary>
    public float[] DecodeStream(string id, int extra = 0)
    {
        var clip = Library.OpenStream(id)!;
        var decoder = OpusEncoderFactory.CreateDecoder();
        var pcm = new List<float>();
        var frame = new float[clip.FrameSamples];
        foreach (var packet in clip.Packets)
        {
            var n = decoder.Decode(packet.Span, frame, clip.FrameSamples, false);
            pcm.AddRange(frame.AsSpan(0, n).ToArray());
        }

        pcm.Count.Should().BeGreaterThanOrEqualTo(clip.PreSkip + (int)clip.SampleCount);
        return pcm.Skip(clip.PreSkip - extra).Take((int)clip.SampleCount + (2 * extra)).ToArray();
    }

    /// <summary>The normalised, limited signal that was fed to the encoder, rendered again from the stored original.</summary>
    public float[] RenderProcessed(MediaItem item)
    {
        var original = Path.Combine(Library.ItemDirectory(item.Id), "original." + item.OriginalFormat);
        ProbedAudio audio;
        using (var f = File.OpenRead(original))
        {
            audio = AudioProbe.Probe(f, Options).Audio!;
        }

        using var source = DecodedSource.Open(original, audio);
        return ReadAll(new GainLimiterSampleProvider(source.Samples, item.GainDb, (float)Options.CeilingLinear));
    }

    public static float[] ReadAll(ISampleProvider provider)
    {
        var all = new List<float>();
        var buffer = new float[4800];
        int n;
        while ((n = provider.Read(buffer)) > 0)
        {
            all.AddRange(buffer.AsSpan(0, n).ToArray());
        }

        return all.ToArray();
    }

    /// <summary>Normalised cross-correlation of <paramref name="a"/>[i] with <paramref name="b"/>[i + offset] (zero outside b).</summary>
    public static double Correlation(float[] a, float[] b, int offset = 0)
    {
        double ab = 0, aa = 0, bb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var j = i + offset;
            var y = j >= 0 && j < b.Length ? b[j] : 0;
            ab += a[i] * (double)y;
            aa += a[i] * (double)a[i];
            bb += y * (double)y;
        }

        return ab / Math.Sqrt(aa * bb);
    }

    public void Dispose() => _dir.Dispose();
}
