using System.Diagnostics;
using System.Runtime.InteropServices;

namespace TanKy.DeviceSim.Audio;

/// <summary>
/// Pipes PCM to <c>aplay -f S16_LE -r 48000 -c 1</c> (ALSA), for listening on a real Pi. The
/// process starts at the first write; gaps are filled with silence because a pipe has no
/// positions. Timing then follows the sound card, not the node clock: for listening, not measuring.
/// </summary>
public sealed class AplaySink : IAudioSink
{
    private readonly string _executable;
    private Process? _process;
    private long _written;

    public AplaySink(string executable = "aplay")
    {
        _executable = executable;
    }

    public bool WantsPcm => true;

    public static AudioSinkFactory Factory { get; } = (_, _) => new AplaySink();

    public void Write(long position, ReadOnlySpan<short> pcm)
    {
        var stdin = Start().StandardInput.BaseStream;
        if (position > _written)
        {
            stdin.Write(new byte[(position - _written) * 2]);
            _written = position;
        }

        stdin.Write(MemoryMarshal.AsBytes(pcm));
        _written += pcm.Length;
    }

    public void Dispose()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // aplay already gone (no sound card): nothing to flush.
        }

        _process.Dispose();
    }

    private Process Start()
    {
        if (_process is not null)
        {
            return _process;
        }

        var info = new ProcessStartInfo(_executable)
        {
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-q", "-f", "S16_LE", "-r", "48000", "-c", "1" })
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {_executable}");
        return _process;
    }
}
