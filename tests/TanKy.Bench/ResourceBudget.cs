using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MQTTnet;
using TanKy.DeviceSim.Fleet;
using TanKy.Tests.Shared;

namespace TanKy.Bench;

/// <summary>
/// <c>resources [--starts 5] [--minutes 5] [--telemetry-interval 30] [--broadcast-nodes 500]</c>:
/// the field budget of issue #9 on the sample commune. One JSON line each for: start time (process
/// start → a device's MQTT CONNACK), hub RSS idle with the sample fleet, bytes written to the data
/// directory at the fleet's telemetry rate (extrapolated to a day), and hub RSS during a broadcast
/// to N speakers (the fanout run; 0 skips it).
/// </summary>
internal static class ResourceBudget
{
    public static Command Command(BenchStart start)
    {
        var starts = BenchOptions.Int("--starts", 5, "Hub starts to time");
        var minutes = BenchOptions.Int("--minutes", 5, "Minutes of idle and of writes to measure", min: 0);
        var telemetry = BenchOptions.Int("--telemetry-interval", 30, "The fleet's telemetry interval, seconds");
        var broadcastNodes = BenchOptions.Int("--broadcast-nodes", 500, "Speakers of the broadcast run (0 skips it)", min: 0);
        var cmd = new Command("resources", "Ngân sách tài nguyên tại hiện trường / the field budget: start time, RSS, disk writes") { starts, minutes, telemetry, broadcastNodes };
        cmd.SetAction(r => start(cmd.Name, () => RunAsync(r.GetValue(starts), r.GetValue(minutes), r.GetValue(telemetry), r.GetValue(broadcastNodes))));
        return cmd;
    }

    private static async Task<int> RunAsync(int starts, int minutes, int telemetry, int broadcastNodes)
    {
        var ok = await StartTimeAsync(starts);
        ok &= await IdleAndWritesAsync(TimeSpan.FromMinutes(minutes), TimeSpan.FromSeconds(telemetry));
        if (broadcastNodes > 0)
        {
            var clip = FanoutClip.Generate(20);
            ok &= await FanoutRun.RunAsync(new FanoutRun.Options("embedded", broadcastNodes, clip, Decode: false, AnswerInBroker: true, TimeSpan.FromSeconds(120), null, TimeSpan.Zero));
        }

        return ok ? 0 : 1;
    }

    /// <summary>
    /// Process start → CONNACK for a device that keeps trying every 20 ms (as a fleet would after a
    /// power cut). The hub binds port 0 and names the port in listen.json as soon as its broker
    /// listens, before the rest of its start: the device polls that file at the same 20 ms.
    /// </summary>
    private static async Task<bool> StartTimeAsync(int starts)
    {
        using var fleet = SampleFleet.Create(1, "start");
        var device = fleet.Fleet.Devices[0];
        var seconds = new List<double>();
        for (var i = 0; i < starts; i++)
        {
            var clock = Stopwatch.StartNew();
            await using var hub = ChildProcess.StartHub(HubArgs(fleet));
            var mqttPort = (await hub.WaitListeningAsync(fleet.DataDir, TimeSpan.FromSeconds(60), started: false, poll: TimeSpan.FromMilliseconds(20))).Mqtt!.Port;
            using var client = new MqttClientFactory().CreateMqttClient();
            var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", mqttPort).WithClientId(device.Id)
                .WithCredentials(device.Id, device.Secret).WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
                .WithTimeout(TimeSpan.FromSeconds(5)).Build();
            while (clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                try
                {
                    if ((await client.ConnectAsync(options)).ResultCode == MqttClientConnectResultCode.Success)
                    {
                        seconds.Add(clock.Elapsed.TotalSeconds);
                        break;
                    }
                }
                catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
                {
                }

                await Task.Delay(20);
            }

            await client.DisconnectAsync();
        }

        seconds.Sort();
        var result = new
        {
            starts,
            connack_seconds = seconds.Select(s => Math.Round(s, 2)).ToList(),
            median_seconds = seconds.Count == 0 ? (double?)null : Math.Round(seconds[seconds.Count / 2], 2),
            max_seconds = seconds.Count == 0 ? (double?)null : Math.Round(seconds[^1], 2),
            goal = "process start to a device's CONNACK <= 3 s",
            goal_met = seconds.Count == starts && seconds[^1] <= 3,
        };
        BenchOutput.Write("resources-start", result);
        return result.goal_met;
    }

    /// <summary>The sample fleet online for a while: RSS idle, then bytes written over <paramref name="period"/>, extrapolated to a day.</summary>
    private static async Task<bool> IdleAndWritesAsync(TimeSpan period, TimeSpan telemetry)
    {
        using var fleet = SampleFleet.Create(1, "budget");
        await using var hub = ChildProcess.StartHub(HubArgs(fleet));
        var listening = await hub.WaitListeningAsync(fleet.DataDir, TimeSpan.FromSeconds(60));
        var mqttPort = listening.Mqtt!.Port;
        using var http = new HttpClient { BaseAddress = new Uri(listening.Http![0]) };
        var clock = Stopwatch.StartNew();
        while (await ChildProcess.OnlineAsync(http) < 0 && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(100);
        }

        await using var runner = new FleetRunner(fleet.Fleet, new FleetRunOptions { Port = mqttPort, TelemetryInterval = telemetry });
        await runner.StartAsync();
        await runner.WaitUntilAllConnectedAsync(TimeSpan.FromSeconds(60));

        // Let start-up work (migrations, republishing, first status rows) settle before measuring.
        await Task.Delay(TimeSpan.FromSeconds(30));
        var idleRss = hub.RssMiB();
        var io0 = WriteBytes(hub.Pid);
        var dir0 = DirectoryBytes(fleet.DataDir);
        var cpu0 = hub.CpuSeconds();
        var rss = new List<double>();
        var measured = Stopwatch.StartNew();
        while (measured.Elapsed < period)
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            rss.Add(hub.RssMiB());
        }

        var perDay = TimeSpan.FromDays(1) / measured.Elapsed;
        var written = WriteBytes(hub.Pid) - io0;
        var grown = DirectoryBytes(fleet.DataDir) - dir0;
        var mib = 1024.0 * 1024;
        var result = new
        {
            devices = fleet.Devices,
            telemetry_interval_seconds = telemetry.TotalSeconds,
            measured_seconds = Math.Round(measured.Elapsed.TotalSeconds),
            hub_rss_mib_idle = Math.Round(idleRss, 1),
            hub_rss_mib_max_while_measuring = Math.Round(rss.Max(), 1),
            hub_peak_rss_mib = Math.Round(hub.PeakRssMiB(), 1),
            hub_cpu_percent_of_one_core = Math.Round((hub.CpuSeconds() - cpu0) / measured.Elapsed.TotalSeconds * 100, 2),
            write_bytes = written,
            write_mib_per_day = Math.Round(written * perDay / mib, 1),
            data_dir_growth_bytes = grown,
            data_dir_growth_mib_per_day = Math.Round(grown * perDay / mib, 1),
            goal = "RSS <= 200 MiB; <= 50 MB/day written",
            goal_met = rss.Max() <= 200 && written * perDay <= 50e6,
        };
        BenchOutput.Write("resources-idle", result);
        await runner.StopAsync();
        return result.goal_met;
    }

    private static string[] HubArgs(SampleFleet fleet) =>
    [
        $"--Hub:DataDir={fleet.DataDir}", "--Broker:Port=0", "--Http:Urls=http://127.0.0.1:0",
        "--Logging:LogLevel:Default=Warning",
    ];

    /// <summary>Bytes the process caused to be sent to storage (<c>/proc/PID/io</c> write_bytes: the SD card's view).</summary>
    private static long WriteBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/io").First(l => l.StartsWith("write_bytes:", StringComparison.Ordinal));
        return long.Parse(line["write_bytes:".Length..].Trim(), CultureInfo.InvariantCulture);
    }

    private static long DirectoryBytes(string dir) =>
        new DirectoryInfo(dir).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
}
