using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using TanKy.Hub.Hosting;

namespace TanKy.Bench;

/// <summary>
/// A program run as a child process (the hub, mosquitto), so its CPU time and memory are
/// measured apart from the simulated devices that load it.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ChildProcess(Process process) => _process = process;

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The program's last lines of output (stdout and stderr).</summary>
    public string Tail => string.Join('\n', _output);

    /// <summary>The hub from this benchmark's own output folder (TanKy.Bench references the hub project).</summary>
    public static ChildProcess StartHub(params string[] args) =>
        Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "tanky-hub.dll"), "run", .. args]);

    public static ChildProcess Start(string file, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        var p = Process.Start(psi)!;
        var child = new ChildProcess(p);
        p.OutputDataReceived += (_, e) => child.Keep(e.Data);
        p.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return child;
    }

    /// <summary>
    /// The hub's <c>listen.json</c> in <paramref name="dataDir"/> written by this process: where it
    /// listens, as bound (started on port 0). <paramref name="started"/>: wait until the whole hub
    /// has started (HTTP addresses in the file), else only until its MQTT broker listens.
    /// </summary>
    public async Task<ListenFile> WaitListeningAsync(string dataDir, TimeSpan timeout, bool started = true, TimeSpan? poll = null)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the hub exited with {_process.ExitCode} at start:\n{Tail}");
            }

            if (Listening(dataDir, started) is { } file)
            {
                return file;
            }

            await Task.Delay(poll ?? TimeSpan.FromMilliseconds(50));
        }

        throw new TimeoutException($"the hub wrote no {ListenFile.FileName} within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s:\n{Tail}");
    }

    /// <summary>User + system CPU seconds so far, from /proc/{pid}/stat.</summary>
    public double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{Pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks / 100.0; // USER_HZ is 100 on Linux
    }

    public double PeakRssMiB() => BenchOutput.ReadStatus("VmHWM:", Pid) / 1024.0;

    public double RssMiB() => BenchOutput.ReadStatus("VmRSS:", Pid) / 1024.0;

    public static async Task<int> OnlineAsync(HttpClient http)
    {
        try
        {
            var health = await http.GetFromJsonAsync<JsonElement>("/health");
            return health.GetProperty("devices").GetProperty("online").GetInt32();
        }
        catch (HttpRequestException)
        {
            return -1;
        }
    }

    /// <summary>Waits for the process to exit and its output to be read to the end.</summary>
    public Task WaitForExitAsync() => _process.WaitForExitAsync();

    /// <summary>SIGKILL, as a power cut stops it: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>This process's <c>listen.json</c> if it has written it yet (see <see cref="WaitListeningAsync"/>), without waiting.</summary>
    public ListenFile? Listening(string dataDir, bool started = true) =>
        ListenFile.TryRead(dataDir) is { } file && file.Pid == Pid && (!started || file.Http is not null) ? file : null;

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 100 && _output.TryDequeue(out _))
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM: the hub shuts down cleanly (hub/state offline, telemetry flushed).
            using (var kill = Process.Start("kill", ["-TERM", Pid.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }
}
