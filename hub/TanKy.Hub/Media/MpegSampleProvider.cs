using NAudio.Wave;
using NLayer;

namespace TanKy.Hub.Media;

/// <summary>NLayer's managed MP3 decoder as an NAudio sample source (NAudio's own MP3 reader needs Windows ACM).</summary>
internal sealed class MpegSampleProvider : ISampleProvider, IDisposable
{
    private readonly MpegFile _file;
    private float[] _buffer = [];

    public MpegSampleProvider(Stream stream)
    {
        _file = new MpegFile(stream);
        WaveFormat = WaveFormat.CreateIeeeFloatWaveFormat(_file.SampleRate, _file.Channels);
    }

    public WaveFormat WaveFormat { get; }

    /// <summary>Samples (per channel) handed out so far: 0 after the end means no frame decoded.</summary>
    public long FramesDecoded { get; private set; }

    public int Read(Span<float> buffer)
    {
        if (_buffer.Length < buffer.Length)
        {
            _buffer = new float[buffer.Length];
        }

        var read = _file.ReadSamples(_buffer, 0, buffer.Length);
        _buffer.AsSpan(0, read).CopyTo(buffer);
        FramesDecoded += read / WaveFormat.Channels;
        return read;
    }

    public void Dispose() => _file.Dispose();
}
