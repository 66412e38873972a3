using NAudio.Wave;
using NAudio.Wave.SampleProviders;

namespace TanKy.Hub.Media;

/// <summary>
/// A validated upload opened for decoding, already mono at 48 kHz. Opened twice per import
/// (measure, then encode) so a 30-minute recording never sits in memory on a 1 GB gateway.
/// </summary>
internal sealed class DecodedSource : IDisposable
{
    private readonly IDisposable _decoder;
    private readonly MpegSampleProvider? _mpeg;

    private DecodedSource(IDisposable decoder, ISampleProvider native, MpegSampleProvider? mpeg)
    {
        _decoder = decoder;
        _mpeg = mpeg;
        SourceFormat = native.WaveFormat;
        var mono = native.WaveFormat.Channels == 2 ? native.ToMono(0.5f, 0.5f) : native;
        Samples = mono.WaveFormat.SampleRate == MediaFormat.SampleRate ? mono : new WdlResamplingSampleProvider(mono, MediaFormat.SampleRate);
    }

    /// <summary>Mono, 48 kHz, float.</summary>
    public ISampleProvider Samples { get; }

    public WaveFormat SourceFormat { get; }

    /// <summary>For MP3: whether any frame decoded at all (a tag followed by garbage decodes to nothing).</summary>
    public bool DecodedAnything => _mpeg is null || _mpeg.FramesDecoded > 0;

    public static DecodedSource Open(string path, ProbedAudio audio)
    {
        if (audio.Container == AudioContainer.Wav)
        {
            var reader = new WaveFileReader(path);
            return new DecodedSource(reader, reader.ToSampleProvider(), null);
        }

        var stream = File.OpenRead(path);
        try
        {
            var mpeg = new MpegSampleProvider(stream);
            return new DecodedSource(new Owned(mpeg, stream), mpeg, mpeg);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public void Dispose() => _decoder.Dispose();

    private sealed class Owned(IDisposable first, IDisposable second) : IDisposable
    {
        public void Dispose()
        {
            first.Dispose();
            second.Dispose();
        }
    }
}
