using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace TanKy.DeviceSim.Audio;

/// <summary>
/// A 48 kHz mono 16-bit PCM WAV file per stream per node. Samples are written at their play-out
/// position (positioned writes), so a frame dropped as late leaves silence in its place and the
/// file lines up with the source. The header's sizes are filled in on dispose.
/// </summary>
public sealed class WavFileSink : IAudioSink
{
    private const int HeaderBytes = 44;
    private const int SampleRate = 48_000;
    private readonly SafeFileHandle _file;
    private long _endSamples;
    private bool _disposed;

    public WavFileSink(string path)
    {
        Path = path;
        var directory = System.IO.Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _file = File.OpenHandle(path, FileMode.Create, FileAccess.ReadWrite, FileShare.Read);
        WriteHeader();
    }

    public string Path { get; }

    public bool WantsPcm => true;

    /// <summary>The file for <paramref name="streamId"/> on <paramref name="deviceId"/> in <paramref name="directory"/>.</summary>
    public static string PathFor(string directory, string deviceId, string streamId) =>
        System.IO.Path.Combine(directory, $"{deviceId}.{streamId}.wav");

    public static AudioSinkFactory InDirectory(string directory) =>
        (deviceId, streamId) => new WavFileSink(PathFor(directory, deviceId, streamId));

    public void Write(long position, ReadOnlySpan<short> pcm)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ObjectDisposedException.ThrowIf(_disposed, this);
        RandomAccess.Write(_file, MemoryMarshal.AsBytes(pcm), HeaderBytes + (position * 2));
        _endSamples = Math.Max(_endSamples, position + pcm.Length);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        WriteHeader();
        _file.Dispose();
    }

    private void WriteHeader()
    {
        var dataBytes = (uint)Math.Min(_endSamples * 2, uint.MaxValue - HeaderBytes);
        Span<byte> h = stackalloc byte[HeaderBytes];
        "RIFF"u8.CopyTo(h);
        BinaryPrimitives.WriteUInt32LittleEndian(h[4..], 36 + dataBytes);
        "WAVE"u8.CopyTo(h[8..]);
        "fmt "u8.CopyTo(h[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(h[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(h[20..], 1); // PCM
        BinaryPrimitives.WriteUInt16LittleEndian(h[22..], 1); // mono
        BinaryPrimitives.WriteUInt32LittleEndian(h[24..], SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(h[28..], SampleRate * 2);
        BinaryPrimitives.WriteUInt16LittleEndian(h[32..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(h[34..], 16);
        "data"u8.CopyTo(h[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(h[40..], dataBytes);
        RandomAccess.Write(_file, h, 0);
    }
}
