using System.Diagnostics;

namespace TanKy.Hub.Tests.Support;

/// <summary>
/// A live source on an <see cref="IcecastServer"/> mount: ffmpeg playing a generated signal in
/// real time (<c>-re</c>) as 64 kbit/s MP3. <see cref="StopAsync"/> kills it (Icecast then drops the
/// mount and its listeners: a station going off the air) and <see cref="StartAsync()"/> brings it back.
/// </summary>
public sealed class IcecastFeeder : IAsyncDisposable
{
    private readonly IcecastServer _server;
    private readonly string _mount;
    private readonly string _signal;
    private readonly int _sampleRate;
    private Process? _process;

    /// <param name="signal">An ffmpeg lavfi source, e.g. <see cref="TestTone.Sine"/>.</param>
    public IcecastFeeder(IcecastServer server, string mount, string signal, int sampleRate = 48_000)
    {
        (_server, _mount, _signal, _sampleRate) = (server, mount, signal, sampleRate);
    }

    /// <summary>The URL listeners (the hub) read.</summary>
    public string Url => _server.Url(_mount);

    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>Starts ffmpeg on a new <see cref="IcecastFeeder"/> and waits until the mount plays.</summary>
    public static async Task<IcecastFeeder> StartAsync(IcecastServer server, string mount, string signal, int sampleRate = 48_000)
    {
        var feeder = new IcecastFeeder(server, mount, signal, sampleRate);
        await feeder.StartAsync();
        return feeder;
    }

    public async Task StartAsync()
    {
        if (ProcessId is not null)
        {
            return;
        }

        var psi = new ProcessStartInfo("ffmpeg") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[]
        {
            "-nostdin", "-hide_banner", "-loglevel", "error", "-re", "-f", "lavfi", "-i", _signal,
            "-ac", "1", "-ar", _sampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c:a", "libmp3lame", "-b:a", "64k", "-content_type", "audio/mpeg", "-f", "mp3", _server.PublishUrl(_mount),
        })
        {
            psi.ArgumentList.Add(a);
        }

        _process = Process.Start(psi)!;
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        await WaitUntilLiveAsync(TimeSpan.FromSeconds(15));
    }

    /// <summary>Kills the source: the mount goes off the air at once.</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        await _process.KillAndWaitAsync();
        _process = null;
    }

    // Icecast answers 200 with the stream once the source is connected, 404 before.
    private async Task WaitUntilLiveAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process is { HasExited: true })
            {
                throw new InvalidOperationException($"the feeder ffmpeg exited {_process.ExitCode} before {Url} went live");
            }

            try
            {
                using var response = await http.GetAsync(Url, HttpCompletionOption.ResponseHeadersRead);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not yet.
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{Url} did not go live within {timeout}");
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
