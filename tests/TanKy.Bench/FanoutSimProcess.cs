using System.Diagnostics;
using System.Globalization;

namespace TanKy.Bench;

/// <summary>
/// <c>tanky-sim run --fleet … --storm</c> in its own process, so the speakers' CPU is not the
/// hub's. Counts the nodes that report "clock synchronised" and "finished" on stdout.
/// </summary>
internal sealed class FanoutSimProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HashSet<string> _synchronised = new(StringComparer.Ordinal);
    private readonly HashSet<string> _finished = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    private FanoutSimProcess(Process process) => _process = process;

    public int Synchronised
    {
        get
        {
            lock (_gate)
            {
                return _synchronised.Count;
            }
        }
    }

    public int Finished
    {
        get
        {
            lock (_gate)
            {
                return _finished.Count;
            }
        }
    }

    public double CpuSeconds() => _process.HasExited ? 0 : _process.TotalProcessorTime.TotalSeconds;

    public static FanoutSimProcess Start(string fleet, int port, bool decode, int clockOffsetMs, double? syncWindowSeconds)
    {
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        string[] args =
        [
            Path.Combine(AppContext.BaseDirectory, "tanky-sim.dll"), "run", "--fleet", fleet, "--port", port.ToString(CultureInfo.InvariantCulture),
            "--storm", "--telemetry-interval", "120", "--summary-every", "60", "--clock-offset-ms", clockOffsetMs.ToString(CultureInfo.InvariantCulture),
            .. decode ? Array.Empty<string>() : ["--no-decode"],
            .. syncWindowSeconds is { } w ? ["--sync-window", w.ToString(CultureInfo.InvariantCulture)] : Array.Empty<string>(),
        ];
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        var sim = new FanoutSimProcess(Process.Start(psi)!);
        sim._process.OutputDataReceived += (_, e) => sim.OnLine(e.Data);
        sim._process.ErrorDataReceived += (_, _) => { };
        sim._process.BeginOutputReadLine();
        sim._process.BeginErrorReadLine();
        return sim;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
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

    private void OnLine(string? line)
    {
        // "HH:mm:ss.fff {device,-24} clock synchronised (…)" / "… finished …"
        if (line is null || line.Length < 14)
        {
            return;
        }

        var rest = line[13..];
        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0)
        {
            return;
        }

        var device = rest[..space];
        var what = rest[space..].TrimStart();
        lock (_gate)
        {
            if (what.StartsWith("clock synchronised", StringComparison.Ordinal))
            {
                _synchronised.Add(device);
            }
            else if (what.StartsWith("finished", StringComparison.Ordinal))
            {
                _finished.Add(device);
            }
        }
    }
}
