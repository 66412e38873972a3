using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using TanKy.Hub.Hosting;

namespace TanKy.Hub.Tests.Support;

/// <summary>
/// The real hub (<c>tanky-hub run</c>) as a child process on port 0 over a test data directory:
/// for tests that measure the hub's own memory (RSS from /proc), which an in-process hub shares
/// with the test runner, the test's sockets and every other test running beside it.
/// </summary>
internal sealed class HubChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private HubChildProcess(Process process, ListenFile listening)
    {
        _process = process;
        Listening = listening;
        Http = new HttpClient { BaseAddress = new Uri(listening.Http![0]) };
    }

    public ListenFile Listening { get; }

    public int MqttPort => Listening.Mqtt!.Port;

    public HttpClient Http { get; }

    public int Pid => _process.Id;

    /// <summary>The hub's last lines of output.</summary>
    public string Tail => string.Join('\n', _output);

    public static async Task<HubChildProcess> StartAsync(string dataDir, params string[] settings)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "tanky-hub.dll");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        string[] args = [dll, "run", $"--Hub:DataDir={dataDir}", "--Broker:Port=0", "--Broker:BindAddress=127.0.0.1", "--Http:Urls=http://127.0.0.1:0", .. settings];
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        var process = Process.Start(start)!;
        var output = new ConcurrentQueue<string>();
        void Keep(string? line)
        {
            if (line is not null)
            {
                output.Enqueue(line);
                while (output.Count > 200 && output.TryDequeue(out _))
                {
                }
            }
        }

        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the hub exited with {process.ExitCode}:\n{string.Join('\n', output)}");
            }

            if (ListenFile.TryRead(dataDir) is { Http: { Count: > 0 } } file && file.Pid == process.Id)
            {
                var child = new HubChildProcess(process, file);
                foreach (var line in output)
                {
                    child._output.Enqueue(line);
                }

                return child;
            }

            // Polling a file another process writes: there is no event to wait on.
            await Task.Delay(50);
        }

        process.Kill();
        throw new TimeoutException($"the hub wrote no listen.json within 60 s:\n{string.Join('\n', output)}");
    }

    /// <summary>Resident memory now, MiB (VmRSS in /proc/PID/status).</summary>
    public double RssMiB()
    {
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        throw new InvalidOperationException("no VmRSS");
    }

    /// <summary>
    /// Runs <paramref name="attack"/> while sampling RSS every 20 ms; returns the largest RSS seen,
    /// during the attack or in the 2 s after it (what a MemoryMax limit would have met).
    /// </summary>
    public async Task<double> PeakRssDuringAsync(Func<Task> attack)
    {
        var peak = RssMiB();
        using var done = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                peak = Math.Max(peak, RssMiB());
                try
                {
                    await Task.Delay(20, done.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
        await attack();

        // An observation window, not a wait for an event: memory taken and not given back shows here.
        await Task.Delay(TimeSpan.FromSeconds(2));
        await done.CancelAsync();
        await sampler;
        return Math.Max(peak, RssMiB());
    }

    public bool HasExited => _process.HasExited;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", Pid.ToString(CultureInfo.InvariantCulture)])!)
            {
                await term.WaitForExitAsync();
            }

            using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(exited.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }
}
