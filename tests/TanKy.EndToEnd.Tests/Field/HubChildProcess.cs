using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using TanKy.Hub.Hosting;

namespace TanKy.EndToEnd.Tests.Field;

/// <summary>
/// <c>tanky-hub run</c> as a separate process (from this test's output folder), so it can be
/// killed with SIGKILL like a power cut kills it, and started again on the same data directory.
/// It binds its ports itself (port 0) and reports them in <c>listen.json</c> (<see cref="ListenFile"/>).
/// </summary>
internal sealed class HubChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();

    private HubChildProcess(Process process) => _process = process;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>The embedded broker's port, as the hub bound it.</summary>
    public int MqttPort { get; private set; }

    public int Pid => _process.Id;

    /// <summary>The hub's last lines of output, for a failure message.</summary>
    public string Tail => string.Join('\n', _log.TakeLast(40));

    /// <summary>
    /// Starts the hub and waits until <c>/health</c> answers ok (MQTT up, HTTP serving). The HTTP
    /// port is always the OS's choice; so is the MQTT port unless <paramref name="mqttPort"/> names
    /// one (a restart on the port the devices already use).
    /// </summary>
    public static async Task<HubChildProcess> StartAsync(string dataDir, string token, IEnumerable<string> extraArgs, TimeSpan timeout, int mqttPort = 0)
    {
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        string[] args =
        [
            Path.Combine(AppContext.BaseDirectory, "tanky-hub.dll"), "run",
            $"--Hub:DataDir={dataDir}", $"--Broker:Port={mqttPort.ToString(CultureInfo.InvariantCulture)}", "--Broker:BindAddress=127.0.0.1",
            "--Http:Urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", .. extraArgs,
        ];
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        var hub = new HubChildProcess(Process.Start(psi)!);
        hub._process.OutputDataReceived += (_, e) => hub.Keep(e.Data);
        hub._process.ErrorDataReceived += (_, e) => hub.Keep(e.Data);
        hub._process.BeginOutputReadLine();
        hub._process.BeginErrorReadLine();
        var clock = Stopwatch.StartNew();
        var listening = await hub.WaitListeningAsync(dataDir, timeout);
        hub.MqttPort = listening.Mqtt!.Port;
        hub.Http = new HttpClient { BaseAddress = new Uri(listening.Http![0]), Timeout = TimeSpan.FromSeconds(30) };
        hub.Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        await hub.WaitHealthyAsync(timeout - clock.Elapsed);
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
        Http?.Dispose();
    }

    /// <summary>This process's <c>listen.json</c> once it has started (a killed predecessor's file has another pid).</summary>
    private async Task<ListenFile> WaitListeningAsync(string dataDir, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the hub exited with {_process.ExitCode} at start:\n{Tail}");
            }

            if (ListenFile.TryRead(dataDir) is { Http: not null } file && file.Pid == _process.Id)
            {
                return file;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"the hub wrote no {ListenFile.FileName} within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s:\n{Tail}");
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
