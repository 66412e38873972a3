using System.Buffers;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dapper;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace TanKy.Bench;

/// <summary>
/// <c>flood [--seconds 12] [--publishers 8] [--limits on,off]</c> (issue #14): one device with a
/// real secret publishes valid telemetry as fast as its connection goes while another sends 200
/// numbered telemetry messages at 20/s. Measures what the flooder offered, what the hub dropped
/// (per reason, from <c>/metrics</c>), how many of the quiet device's messages the hub recorded
/// (telemetry_latest: last seq and gaps), and the hub's CPU and peak RSS. <c>off</c> runs the same
/// hub with the rate limit switched off, to show what the fair inbound queues do alone.
/// </summary>
internal static class FloodBench
{
    private const int QuietMessages = 200;

    public static Command Command(BenchStart start)
    {
        var seconds = BenchOptions.Int("--seconds", 12, "Seconds of flood (the quiet device's 200 messages take 10 s)", min: 11);
        var publishers = BenchOptions.Int("--publishers", 8, "Concurrent publish loops on the flooding connection");
        var limits = BenchOptions.Names("--limits", "on,off", ["on", "off"], "Runs with the per-device rate limit on, off, or both");
        var cmd = new Command("flood", "Thiết bị gửi tràn: một thiết bị gửi dồn dập, thiết bị khác không mất tin / one device floods, another loses nothing") { seconds, publishers, limits };
        cmd.SetAction(r => start(cmd.Name, () => RunAsync(r.GetValue(seconds), r.GetValue(publishers), r.GetValue(limits)!.Split(',', StringSplitOptions.TrimEntries))));
        return cmd;
    }

    private static async Task<int> RunAsync(int seconds, int publishers, string[] limits)
    {
        var failures = 0;
        foreach (var limit in limits)
        {
            failures += await RunOnceAsync(limit == "on", TimeSpan.FromSeconds(seconds), publishers) ? 0 : 1;
        }

        return failures == 0 ? 0 : 1;
    }

    private static async Task<bool> RunOnceAsync(bool limit, TimeSpan duration, int publishers)
    {
        using var commune = new BenchCommune(2, "flood");
        var loudDevice = commune.Fleet.Devices[0];
        var quietDevice = commune.Fleet.Devices[1];
        string[] hubArgs =
        [
            $"--Hub:DataDir={commune.DataDir}", "--Broker:Port=0", "--Http:Urls=http://127.0.0.1:0",
            "--Logging:LogLevel:Default=Warning", "--Hub:TelemetryFlushInterval=00:00:01",
            .. limit ? Array.Empty<string>() : ["--Broker:RateLimit:Enabled=false"],
        ];
        await using var hub = ChildProcess.StartHub(hubArgs);
        var listening = await hub.WaitListeningAsync(commune.DataDir, TimeSpan.FromSeconds(60));
        using var http = new HttpClient { BaseAddress = new Uri(listening.Http![0]) };
        var port = listening.Mqtt!.Port;
        using var loud = await ConnectAsync(port, loudDevice.Id, loudDevice.Secret);
        using var quiet = await ConnectAsync(port, quietDevice.Id, quietDevice.Secret);
        var cpu0 = hub.CpuSeconds();

        long offered = 0;
        using var stop = new CancellationTokenSource(duration);
        var clock = Stopwatch.StartNew();
        var floods = Enumerable.Range(0, publishers).Select(_ => Task.Run(async () =>
        {
            var topic = $"tanky/v1/tan-ky/dev/{loudDevice.Id}/telemetry";
            while (!stop.IsCancellationRequested)
            {
                var seq = Interlocked.Increment(ref offered);
                await loud.PublishAsync(Message(topic, seq), CancellationToken.None);
            }
        })).ToList();

        await Task.Delay(TimeSpan.FromSeconds(1)); // the flood is under way before the quiet device speaks
        var quietTopic = $"tanky/v1/tan-ky/dev/{quietDevice.Id}/telemetry";
        for (var seq = 1; seq <= QuietMessages; seq++)
        {
            await quiet.PublishAsync(Message(quietTopic, seq), CancellationToken.None);
            await Task.Delay(50); // 20 messages a second: a busy but honest device
        }

        await Task.WhenAll(floods);
        var floodSeconds = clock.Elapsed.TotalSeconds;
        var hubCpu = hub.CpuSeconds() - cpu0;
        var (lastSeq, gaps) = await QuietRecordAsync(commune, quietDevice.Id);
        var scrape = await http.GetStringAsync("/metrics");
        var recorded = lastSeq - gaps;
        var result = new
        {
            rate_limit = limit ? "on (20 msg/s, burst 200)" : "off",
            publishers,
            flood_seconds = Math.Round(floodSeconds, 1),
            flood_offered = offered,
            flood_offered_per_s = Math.Round(offered / floodSeconds),
            broker_received = Sum(scrape, "tanky_broker_messages_received_total"),
            dropped_rate_limit = Sum(scrape, $"tanky_device_messages_dropped_total{{device=\"{loudDevice.Id}\",reason=\"rate_limit\"}}"),
            dropped_inbound_queue = Sum(scrape, $"tanky_device_messages_dropped_total{{device=\"{loudDevice.Id}\",reason=\"inbound_queue\"}}"),
            dropped_for_quiet_device = Sum(scrape, $"tanky_device_messages_dropped_total{{device=\"{quietDevice.Id}\""),
            broker_hub_queue_dropped = Sum(scrape, "tanky_broker_hub_queue_dropped_total"),
            flood_alerts_open = Sum(scrape, "tanky_device_flood_alerts_open"),
            quiet_sent = QuietMessages,
            quiet_recorded = recorded,
            quiet_last_seq = lastSeq,
            quiet_gaps = gaps,
            quiet_loss_pct = Math.Round(100.0 * (QuietMessages - recorded) / QuietMessages, 1),
            hub_cpu_seconds = Math.Round(hubCpu, 2),
            hub_peak_rss_mib = Math.Round(hub.PeakRssMiB(), 1),
            goal = "all 200 of the quiet device recorded; the flood counted per device",
            goal_met = recorded == QuietMessages && (!limit || Sum(scrape, $"tanky_device_messages_dropped_total{{device=\"{loudDevice.Id}\"") > 0),
        };
        BenchOutput.Write("flood", result);
        return result.goal_met;
    }

    /// <summary>The quiet device's telemetry_latest row once the hub's 1 s flushes have settled (unchanged for 3 s, or seq 200).</summary>
    private static async Task<(long LastSeq, long Gaps)> QuietRecordAsync(BenchCommune commune, string id)
    {
        (long, long) last = (-1, -1);
        var stable = Stopwatch.StartNew();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            using var c = commune.Db.Open();
            var row = c.QueryFirstOrDefault<(long, long)>("SELECT seq, gaps FROM telemetry_latest WHERE device_id = @id", new { id });
            if (row != last)
            {
                last = row;
                stable.Restart();
            }

            if (row.Item1 == QuietMessages || stable.Elapsed > TimeSpan.FromSeconds(3))
            {
                return row;
            }

            await Task.Delay(200);
        }

        return last;
    }

    private static double Sum(string scrape, string prefix) => scrape.Split('\n')
        .Where(l => l.StartsWith(prefix, StringComparison.Ordinal))
        .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    private static MqttApplicationMessage Message(string topic, long seq) => new MqttApplicationMessageBuilder()
        .WithTopic(topic)
        .WithPayload(Encoding.UTF8.GetBytes("{\"v\":1,\"seq\":" + seq.ToString(CultureInfo.InvariantCulture) + ",\"ts\":1,\"metrics\":{\"rssi\":-60}}"))
        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce)
        .Build();

    private static async Task<IMqttClient> ConnectAsync(int port, string id, string secret)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(id).WithCredentials(id, secret)
            .WithProtocolVersion(MqttProtocolVersion.V500).WithCleanStart(true).Build();
        var result = await client.ConnectAsync(options);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"{id} refused: {result.ResultCode}");
        }

        return client;
    }
}
