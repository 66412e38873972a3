using System.Collections.Concurrent;
using System.Diagnostics;

namespace TanKy.Hub.Tests.Support;

/// <summary>
/// Debian's <c>mosquitto -c CONFIG</c> as a child process: started, awaited until it runs, killed on
/// dispose. Mosquitto 2.0.11 cannot bind port 0, so start it on a port of its own through
/// <see cref="PortRetry"/>: <see cref="StartAsync"/> throws <see cref="PortInUseException"/> when
/// another process took the port first.
/// </summary>
public sealed class MosquittoProcess : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _log = new();
    private readonly List<(string Text, int Count, TaskCompletionSource Seen)> _waiters = [];
    private readonly Process _process;

    private MosquittoProcess(Process process) => _process = process;

    public string Log => string.Join('\n', _log);

    /// <summary>The broker's process id (what a pid file would hold: the hub's SIGHUP goes there).</summary>
    public int Id => _process.Id;

    /// <summary>Lines of the log so far that contain <paramref name="text"/>.</summary>
    public int CountLog(string text) => _log.Count(l => l.Contains(text, StringComparison.Ordinal));

    /// <summary>Completes once the log holds <paramref name="count"/> lines containing <paramref name="text"/> (e.g. the n-th "Reloading config.").</summary>
    public Task WaitForLogAsync(string text, int count)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            _waiters.Add((text, count, seen));
        }

        CheckWaiters();
        return seen.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private void CheckWaiters()
    {
        lock (_waiters)
        {
            foreach (var waiter in _waiters.Where(w => CountLog(w.Text) >= w.Count).ToList())
            {
                waiter.Seen.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>Starts mosquitto on an exported configuration directory (chowned to the mosquitto user first, as the exporter notes).</summary>
    public static async Task<MosquittoProcess> StartAsync(string configFile)
    {
        File.Exists("/usr/sbin/mosquitto").Should().BeTrue("Debian's mosquitto must be installed (.ci/run installs it)");
        using (var chown = Process.Start("chown", ["-R", "mosquitto:", Path.GetDirectoryName(configFile)!])!)
        {
            await chown.WaitForExitAsync();
            chown.ExitCode.Should().Be(0, "mosquitto reads its files as the 'mosquitto' user");
        }

        var psi = new ProcessStartInfo("/usr/sbin/mosquitto") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(configFile);
        var instance = new MosquittoProcess(Process.Start(psi)!);
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        instance._process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                var log = instance.Log;
                running.TrySetException(log.Contains("Address already in use", StringComparison.Ordinal)
                    ? new PortInUseException("mosquitto exited: " + log)
                    : new InvalidOperationException("mosquitto exited: " + log));
                return;
            }

            instance._log.Enqueue(e.Data);
            instance.CheckWaiters();
            if (e.Data.Contains(" running", StringComparison.Ordinal))
            {
                running.TrySetResult();
            }
        };
        instance._process.BeginErrorReadLine();
        try
        {
            await running.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch
        {
            await instance.DisposeAsync();
            throw;
        }

        return instance;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
