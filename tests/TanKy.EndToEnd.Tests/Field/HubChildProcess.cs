using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace TanKy.EndToEnd.Tests.Field;

/// <summary>
/// <c>tanky-hub run</c> as a separate process (from this test's output folder), so it can be
/// killed with SIGKILL like a power cut kills it, and started again on the same data directory.
/// </summary>
internal sealed class HubChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();

    private HubChildProcess(Process process, HttpClient http)
    {
        _process = process;
        Http = http;
    }

    public HttpClient Http { get; }

    public int Pid => _process.Id;

    /// <summary>The hub's last lines of output, for a failure message.</summary>
    public string Tail => string.Join('\n', _log.TakeLast(40));

    /// <summary>Starts the hub and waits until <c>/health</c> answers ok (MQTT up, HTTP serving).</summary>
    public static async Task<HubChildProcess> StartAsync(string dataDir, int mqttPort, int httpPort, string token, IEnumerable<string> extraArgs, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        string[] args =
        [
            Path.Combine(AppContext.BaseDirectory, "tanky-hub.dll"), "run",
            $"--Hub:DataDir={dataDir}", $"--Broker:Port={mqttPort}", "--Broker:BindAddress=127.0.0.1",
            $"--Http:Urls=http://127.0.0.1:{httpPort}", "--Logging:LogLevel:Default=Warning", .. extraArgs,
        ];
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var hub = new HubChildProcess(Process.Start(psi)!, http);
        hub._process.OutputDataReceived += (_, e) => hub.Keep(e.Data);
        hub._process.ErrorDataReceived += (_, e) => hub.Keep(e.Data);
        hub._process.BeginOutputReadLine();
        hub._process.BeginErrorReadLine();
        await hub.WaitHealthyAsync(timeout);
        return hub;
    }

    /// <summary>SIGKILL: no shutdown code runs, as on a power cut (the page cache survives; see operations.md).</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false); // SIGKILL on Linux
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        Http.Dispose();
    }

    private async Task WaitHealthyAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the hub exited with {_process.ExitCode} at start:\n{Tail}");
            }

            try
            {
                var health = await Http.GetFromJsonAsync<JsonElement>("/health");
                if (health.GetProperty("status").GetString() == "ok")
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet, or 503 while its MQTT connection comes up
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"the hub did not become healthy within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s:\n{Tail}");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _log.Enqueue(line);
        while (_log.Count > 200 && _log.TryDequeue(out _))
        {
        }
    }
}
