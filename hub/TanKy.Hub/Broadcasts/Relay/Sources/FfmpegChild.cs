using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace TanKy.Hub.Broadcasts.Relay.Sources;

/// <summary>
/// One ffmpeg process decoding one URL to 48 kHz mono f32le on its stdout. Its pipes are read on
/// threads of their own: on Unix a pipe's ReadAsync is a blocking read on a pool thread, and a few
/// feeds waiting on silent stations would starve the pool (a reader then waited a whole second for
/// a frame in tests). Killing the process is what ends a read.
/// </summary>
internal sealed class FfmpegChild : IDisposable
{
    public const int FrameBytes = FfmpegArguments.FrameSamples * sizeof(float);

    private readonly Process _process;
    private readonly string _sourceId;
    private readonly string _shownUrl;
    private readonly int _maxLoggedLines;
    private readonly ILogger _log;

    private FfmpegChild(Process process, string sourceId, string url, int maxLoggedLines, ILogger log)
    {
        (_process, _sourceId, _shownUrl, _maxLoggedLines, _log) = (process, sourceId, RelaySourceRules.Redact(url), maxLoggedLines, log);
    }

    public int? Id
    {
        get
        {
            try
            {
                return _process.Id;
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }
    }

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>Starts ffmpeg on <paramref name="url"/> and the thread that logs its errors.</summary>
    public static FfmpegChild Start(RelaySourceOptions options, string sourceId, string url, ILogger log)
    {
        var process = new Process { StartInfo = FfmpegArguments.Decode(options.FfmpegPath, url, options.Stall) };
        try
        {
            process.Start();
        }
        catch
        {
            process.Dispose();
            throw;
        }

        var child = new FfmpegChild(process, sourceId, url, options.MaxLoggedErrorLines, log);
        child.Errors = Dedicated(child.LogErrors);
        return child;
    }

    /// <summary>Completes when ffmpeg's stderr is closed (the process is gone).</summary>
    public Task Errors { get; private set; } = Task.CompletedTask;

    /// <summary>
    /// Reads whole frames until stdout closes, handing each to <paramref name="onFrame"/> (the buffer is
    /// reused); every read re-arms <paramref name="watchdog"/> for <paramref name="stall"/>. True when a frame came.
    /// </summary>
    public Task<bool> ReadFramesAsync(Action<byte[]> onFrame, CancellationTokenSource watchdog, TimeSpan stall) =>
        Dedicated(() =>
        {
            var stdout = _process.StandardOutput.BaseStream;
            var buffer = new byte[FrameBytes];
            var filled = 0;
            var gotAudio = false;
            while (true)
            {
                watchdog.CancelAfter(stall);
                int n;
                try
                {
                    n = stdout.Read(buffer, filled, buffer.Length - filled);
                }
                catch (Exception ex) when (ex is IOException or ObjectDisposedException)
                {
                    break;
                }

                if (n == 0)
                {
                    break;
                }

                filled += n;
                if (filled == buffer.Length)
                {
                    onFrame(buffer);
                    filled = 0;
                    gotAudio = true;
                }
            }

            return gotAudio;
        });

    /// <summary>Kills ffmpeg, waits for it to go (bounded) and for its error thread.</summary>
    public async Task StopAsync()
    {
        Kill();
        using var exitWait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _process.WaitForExitAsync(exitWait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _log.LogWarning("Relay {Source}: ffmpeg {Pid} did not exit after kill", _sourceId, Id);
        }

        await Errors.ConfigureAwait(false);
    }

    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // Already gone.
        }
    }

    public void Dispose() => _process.Dispose();

    // ffmpeg's own messages (bounded per connection; URLs in them without their passwords).
    private void LogErrors()
    {
        var logged = 0;
        var skipped = 0;
        try
        {
            while (_process.StandardError.ReadLine() is { } line)
            {
                if (line.Length == 0)
                {
                    continue;
                }

                if (logged++ < _maxLoggedLines)
                {
                    _log.LogWarning("Relay {Source} ffmpeg: {Line}", _sourceId, RelaySourceRules.RedactText(line.Length > 300 ? line[..300] : line));
                }
                else
                {
                    skipped++;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The process is gone: nothing more to read.
        }

        if (skipped > 0)
        {
            _log.LogWarning("Relay {Source}: {Count} more ffmpeg lines for {Url} not logged", _sourceId, skipped, _shownUrl);
        }
    }

    private static Task<T> Dedicated<T>(Func<T> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static Task Dedicated(Action work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
