using System.Diagnostics;

namespace TanKy.Hub.Tests.Support;

/// <summary>
/// A live HLS stream: ffmpeg writes a generated signal in real time as one-second AAC segments and a
/// sliding playlist into a temp folder, served by a <see cref="LoopbackFileServer"/>. Stopped,
/// killed and deleted on dispose.
/// </summary>
public sealed class HlsSource : IAsyncDisposable
{
    private readonly Process _process;
    private readonly LoopbackFileServer _server;

    private HlsSource(string folder, Process process, LoopbackFileServer server) => (Folder, _process, _server) = (folder, process, server);

    public string Folder { get; }

    public string Url => _server.Url("live.m3u8");

    public int? ProcessId => _process.HasExited ? null : _process.Id;

    public static async Task<HlsSource> StartAsync(string signal)
    {
        var folder = Path.Combine(Path.GetTempPath(), "tanky-hls-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(folder);
        var psi = new ProcessStartInfo("ffmpeg") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = folder };
        foreach (var a in new[]
        {
            "-nostdin", "-hide_banner", "-loglevel", "error", "-re", "-f", "lavfi", "-i", signal,
            "-c:a", "aac", "-b:a", "64k", "-ar", "48000", "-ac", "1",
            "-f", "hls", "-hls_time", "1", "-hls_list_size", "6", "-hls_flags", "delete_segments+temp_file",
            Path.Combine(folder, "live.m3u8"),
        })
        {
            psi.ArgumentList.Add(a);
        }

        var process = Process.Start(psi)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var source = new HlsSource(folder, process, new LoopbackFileServer(folder));
        try
        {
            await source.WaitForSegmentsAsync(3, TimeSpan.FromSeconds(20));
            return source;
        }
        catch
        {
            await source.DisposeAsync();
            throw;
        }
    }

    // A live client starts a few segments from the end: wait until there are some.
    private async Task WaitForSegmentsAsync(int count, TimeSpan timeout)
    {
        var playlist = Path.Combine(Folder, "live.m3u8");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the HLS ffmpeg exited {_process.ExitCode}");
            }

            try
            {
                if (File.Exists(playlist) && File.ReadAllLines(playlist).Count(l => l.EndsWith(".ts", StringComparison.Ordinal)) >= count)
                {
                    return;
                }
            }
            catch (IOException)
            {
                // Being rewritten.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"no {count} HLS segments within {timeout}");
    }

    public async ValueTask DisposeAsync()
    {
        await _process.KillAndWaitAsync();
        await _server.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
