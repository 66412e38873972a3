using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace TanKy.Bench;

/// <summary>
/// A program run as a child process (the hub, mosquitto), so its CPU time and memory are
/// measured apart from the simulated devices that load it.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ChildProcess(Process process) => _process = process;

    public int Pid => _process.Id;

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
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return new ChildProcess(p);
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

    /// <summary>SIGKILL, as a power cut stops it: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
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
