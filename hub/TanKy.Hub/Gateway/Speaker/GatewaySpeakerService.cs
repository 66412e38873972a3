using TanKy.Hub.Shared.Text;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TanKy.Hub.Broker;
using TanKy.Hub.Devices;
using TanKy.Protocol;
using TanKy.Hub.Shared;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Gateway.Speaker;

/// <summary>
/// Runs the node firmware (<c>tanky-sim run --fleet FILE --aplay</c>) as a child process for the
/// gateway's own speaker, so the gateway's sound card plays its zone's audio through the same node
/// logic as any speaker. The hub does not reference the firmware: it only starts the program.
/// </summary>
internal sealed class GatewaySpeakerService(
    IOptions<GatewaySpeakerOptions> options,
    IOptions<HubOptions> hub,
    IOptions<BrokerOptions> broker,
    DeviceRegistry registry,
    Database db,
    TimeProvider time,
    ILogger<GatewaySpeakerService> logger,
    IBrokerAddress? embeddedBroker = null) : BackgroundService
{
    public const string FleetFileName = "gateway-speaker.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private volatile Process? _current;

    /// <summary>Process id of the running node, or null while none runs.</summary>
    public int? ProcessId => _current is { } p ? p.Id : null;

    /// <summary>How many times the node has been started since the hub started.</summary>
    public int Starts { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            return;
        }

        string fleet;
        try
        {
            fleet = WriteFleetFile(o, await BrokerEndpointAsync(stoppingToken));
        }
        catch (Exception ex) when (ex is RegistryException or IOException or UnauthorizedAccessException)
        {
            logger.LogError(ex, "Gateway speaker '{DeviceId}' not started: {Reason}", o.DeviceId, ex.Message);
            return;
        }

        var (command, arguments) = CommandLine(o, fleet);
        logger.LogInformation("Gateway speaker '{DeviceId}' in zone {Zone}: {Command} {Arguments}", o.DeviceId, o.Zone, command, string.Join(' ', arguments));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(command, arguments, o, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await Task.Delay(o.RestartDelay, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task RunOnceAsync(string command, IReadOnlyList<string> arguments, GatewaySpeakerOptions o, CancellationToken stoppingToken)
    {
        var info = new ProcessStartInfo(command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => LogLine(e.Data);
        process.ErrorDataReceived += (_, e) => LogLine(e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            logger.LogError("Gateway speaker: cannot start {Command} ({Reason}); trying again in {Delay}", command, ex.Message, o.RestartDelay);
            return;
        }

        Starts++;
        _current = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        logger.LogInformation("Gateway speaker node started (pid {Pid})", process.Id);
        try
        {
            await process.WaitForExitAsync(stoppingToken);
            logger.LogWarning("Gateway speaker node exited with code {Code}; restarting in {Delay}", process.ExitCode, o.RestartDelay);
        }
        catch (OperationCanceledException)
        {
            await StopAsync(process, o.StopTimeout);
            throw;
        }
        finally
        {
            _current = null;
        }
    }

    /// <summary>SIGTERM so the node publishes offline, then a kill when it does not exit in time.</summary>
    private async Task StopAsync(Process process, TimeSpan timeout)
    {
        if (process.HasExited)
        {
            return;
        }

        try
        {
            using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", process.Id.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false });
            if (kill is not null)
            {
                await kill.WaitForExitAsync();
            }

            using var wait = new CancellationTokenSource(timeout, time);
            await process.WaitForExitAsync(wait.Token);
            logger.LogInformation("Gateway speaker node stopped");
        }
        catch (Exception ex) when (ex is OperationCanceledException or Win32Exception)
        {
            logger.LogWarning("Gateway speaker node did not stop within {Timeout} of SIGTERM; killing it", timeout);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    private void LogLine(string? line)
    {
        if (!string.IsNullOrEmpty(line))
        {
            logger.LogDebug("gateway speaker: {Line}", line);
        }
    }

    /// <summary>Ensures the registry speaker exists and writes its one-device fleet file (mode 0600) with a fresh secret.</summary>
    private string WriteFleetFile(GatewaySpeakerOptions o, (string Host, int Port, bool Tls) broker)
    {
        var device = registry.Get(o.DeviceId);
        if (device is null)
        {
            registry.Add(new NewDevice(o.DeviceId, DeviceKind.Speaker, [o.Zone], HubText.Default.Get("api2.title.gateway-speaker", "vi")));
            logger.LogInformation("Gateway speaker '{DeviceId}' added to the registry in zone {Zone}", o.DeviceId, o.Zone);
            device = registry.Get(o.DeviceId)!;
        }
        else if (device.Kind != DeviceKind.Speaker)
        {
            throw new RegistryException("rules2.gateway.not-speaker." + device.Kind.ToWire(), o.DeviceId);
        }
        else if (!device.Zones.Contains(o.Zone))
        {
            logger.LogWarning("Gateway speaker '{DeviceId}' is registered in {Zones}, not in the configured zone {Zone}; it plays its registered zones", o.DeviceId, string.Join(", ", device.Zones), o.Zone);
        }

        var secret = registry.RotateSecret(o.DeviceId);
        var (host, port, tls) = broker;
        var json = JsonSerializer.Serialize(
            new
            {
                v = 1,
                site = hub.Value.Site,
                broker = new { host, port, tls },
                // Factory data only: the speaker hears its zones as desired state over the protocol (issue #15).
                devices = new[] { new { id = device.Id, kind = DeviceKind.Speaker.ToWire(), secret, name = device.Name } },
            },
            Json);

        var file = Path.Combine(db.DataDir, FleetFileName);
        var tmp = file + ".tmp";
        File.Delete(tmp);
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite };
        using (var stream = new FileStream(tmp, create))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(json);
        }

        File.Move(tmp, file, overwrite: true);
        return file;
    }

    private async Task<(string Host, int Port, bool Tls)> BrokerEndpointAsync(CancellationToken ct)
    {
        var b = broker.Value;
        if (b.Mode != BrokerMode.Embedded)
        {
            return (b.External.Host, b.External.Port, b.External.UseTls);
        }

        // The port the broker bound, not the configured one: Broker:Port may be 0.
        var port = embeddedBroker is null ? b.Port : (await embeddedBroker.WaitListeningAsync(ct)).Plain.Port;
        var host = b.BindAddress is "0.0.0.0" or "::" or "*" or "" ? "127.0.0.1" : b.BindAddress;
        return (host, port, false);
    }

    /// <summary>The program and its arguments: <c>[prefix…] run --fleet FILE (--aplay | --audio-dir DIR)</c>.</summary>
    internal static (string Command, IReadOnlyList<string> Arguments) CommandLine(GatewaySpeakerOptions o, string fleet)
    {
        var arguments = new List<string>(o.Arguments);
        var command = o.Command;
        if (string.IsNullOrWhiteSpace(command))
        {
            var native = Path.Combine(AppContext.BaseDirectory, "tanky-sim");
            var dll = Path.Combine(AppContext.BaseDirectory, "tanky-sim.dll");
            if (File.Exists(native) || !File.Exists(dll))
            {
                command = native;
            }
            else
            {
                command = "dotnet";
                arguments.Insert(0, dll);
            }
        }

        arguments.AddRange(["run", "--fleet", fleet]);
        if (o.WavDirectory is { } dir)
        {
            arguments.AddRange(["--audio-dir", dir]);
        }
        else
        {
            arguments.Add("--aplay");
        }

        return (command, arguments);
    }
}
