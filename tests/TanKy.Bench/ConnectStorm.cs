using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using TanKy.DeviceSim.Fleet;
using TanKy.DeviceSim.Node;
using TanKy.Hub.Broker;
using TanKy.Hub.Tests.Support;
using TanKy.Hub.Shared;
using TanKy.Hub.Shared.Data;

namespace TanKy.Bench;

/// <summary>
/// <c>connect-storm [--devices 1000] [--brokers embedded,mosquitto] [--timeout 60]</c>: N simulated
/// devices connect and authenticate at once; measures the time until the hub has every device
/// online, the hub's CPU seconds and peak RSS, and refused or failed connects.
/// </summary>
internal static class ConnectStorm
{
    public static Command Command(BenchStart start)
    {
        var devices = BenchOptions.Int("--devices", 1000, "Simulated devices");
        var timeout = BenchOptions.Int("--timeout", 60, "Seconds to wait for every device online");
        var brokers = BenchOptions.Brokers();
        var cmd = new Command("connect-storm", "Bão kết nối: N thiết bị kết nối cùng lúc / N devices connect and authenticate at once") { devices, timeout, brokers };
        cmd.SetAction(r => start(cmd.Name, () => RunAsync(r.GetValue(devices), TimeSpan.FromSeconds(r.GetValue(timeout)), r.GetValue(brokers)!.Split(',', StringSplitOptions.TrimEntries))));
        return cmd;
    }

    private static async Task<int> RunAsync(int devices, TimeSpan timeout, string[] brokers)
    {
        ThreadPool.SetMinThreads(128, 128); // 1000 nodes' connect handshakes in one process
        var failures = 0;
        foreach (var broker in brokers)
        {
            var ok = await RunOnceAsync(broker, devices, timeout);
            failures += ok ? 0 : 1;
        }

        return failures == 0 ? 0 : 1;
    }

    private static async Task<bool> RunOnceAsync(string broker, int devices, TimeSpan timeout)
    {
        using var commune = new BenchCommune(devices, broker);
        var (mosquitto, mosquittoPort) = broker == "mosquitto" ? await StartMosquittoAsync(commune.DataDir, commune.Db, devices) : (null, 0);
        await using var _ = mosquitto;
        string[] hubArgs =
        [
            $"--Hub:DataDir={commune.DataDir}", "--Broker:Port=0", "--Http:Urls=http://127.0.0.1:0",
            "--Logging:LogLevel:Default=Warning", $"--Broker:MaxConnections={devices + 100}",
            .. broker == "mosquitto" ? new[] { "--Broker:Mode=External", "--Broker:External:Host=127.0.0.1", $"--Broker:External:Port={mosquittoPort}" } : [],
        ];
        var startup = Stopwatch.StartNew();
        await using var hub = ChildProcess.StartHub(hubArgs);
        var listening = await hub.WaitListeningAsync(commune.DataDir, timeout);
        var mqttPort = listening.Mqtt?.Port ?? mosquittoPort;
        using var http = new HttpClient { BaseAddress = new Uri(listening.Http![0]) };
        while (await ChildProcess.OnlineAsync(http) < 0 && startup.Elapsed < timeout)
        {
            await Task.Delay(50);
        }

        var hubStartSeconds = startup.Elapsed.TotalSeconds;
        var hubCpu0 = hub.CpuSeconds();
        var brokerCpu0 = mosquitto?.CpuSeconds() ?? 0;
        var failed = 0;
        await using var runner = new FleetRunner(commune.Fleet, new FleetRunOptions { Port = mqttPort, StartAllAtOnce = true, TelemetryInterval = TimeSpan.FromSeconds(30) });
        runner.Activity += (_, a) =>
        {
            if (a.Kind == NodeActivityKind.ConnectFailed)
            {
                Interlocked.Increment(ref failed);
            }
        };

        var storm = Stopwatch.StartNew();
        await runner.StartAsync();
        int online;
        while ((online = await ChildProcess.OnlineAsync(http)) < devices && storm.Elapsed < timeout)
        {
            await Task.Delay(50);
        }

        var allOnline = storm.Elapsed.TotalSeconds;
        var result = new
        {
            broker,
            devices,
            online_at_hub = online,
            seconds_until_all_online = online >= devices ? Math.Round(allOnline, 2) : (double?)null,
            refused_or_failed_connects = failed,
            hub_start_seconds = Math.Round(hubStartSeconds, 2),
            hub_cpu_seconds = Math.Round(hub.CpuSeconds() - hubCpu0, 2),
            hub_peak_rss_mib = Math.Round(hub.PeakRssMiB(), 1),
            broker_cpu_seconds = mosquitto is null ? (double?)null : Math.Round(mosquitto.CpuSeconds() - brokerCpu0, 2),
            broker_peak_rss_mib = mosquitto is null ? (double?)null : Math.Round(mosquitto.PeakRssMiB(), 1),
            goal = "all online in <= 10 s with zero failures",
            goal_met = online >= devices && allOnline <= 10 && failed == 0,
        };
        BenchOutput.Write("connect-storm", result);
        await runner.StopAsync();
        return result.goal_met;
    }

    /// <summary>
    /// Mosquitto on the commune's exported configuration, on a port of its own: it cannot bind port 0
    /// (2.0.11: "listener 0" is a unix socket), so <see cref="PortRetry"/> picks a port and picks
    /// another when mosquitto exits with "Address already in use".
    /// </summary>
    internal static Task<(ChildProcess Mosquitto, int Port)> StartMosquittoAsync(string dataDir, TanKy.Hub.Shared.Data.Database db, int devices) =>
        PortRetry.StartAsync(async port =>
        {
            var outDir = Path.Combine(dataDir, "mosquitto");
            var options = new BrokerOptions { Mode = BrokerMode.External, Port = port, MaxConnections = devices + 100, External = new ExternalBrokerOptions { Host = "127.0.0.1", Port = port } };
            MosquittoConfigExporter.Export(db, new HubOptions { Site = "tan-ky", DataDir = dataDir }, options, outDir);
            using (var chown = Process.Start("chown", ["-R", "mosquitto:", outDir]))
            {
                await chown.WaitForExitAsync();
            }

            var mosquitto = ChildProcess.Start("/usr/sbin/mosquitto", ["-c", Path.Combine(outDir, "mosquitto.conf")]);
            var clock = Stopwatch.StartNew();
            while (!mosquitto.Tail.Contains(" running", StringComparison.Ordinal) && clock.Elapsed < TimeSpan.FromSeconds(10))
            {
                if (mosquitto.HasExited)
                {
                    await mosquitto.WaitForExitAsync();
                    var log = mosquitto.Tail;
                    await mosquitto.DisposeAsync();
                    throw log.Contains("Address already in use", StringComparison.Ordinal)
                        ? new PortInUseException("mosquitto exited: " + log)
                        : new InvalidOperationException("mosquitto exited: " + log);
                }

                await Task.Delay(50);
            }

            return mosquitto;
        });
}
