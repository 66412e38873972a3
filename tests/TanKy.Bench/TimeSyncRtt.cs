using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using MQTTnet;
using MQTTnet.Protocol;

namespace TanKy.Bench;

/// <summary>
/// <c>time-sync-rtt [--requests 500] [--brokers embedded,mosquitto]</c>: one device sends clock-sync
/// requests one after the other (protocol.md §8.2.1) and times each until its reply. Embedded: the
/// broker's interceptor answers (BrokerTimeAnswerer). Mosquitto (External mode): the request goes
/// through Mosquitto to the hub's MQTT client (TimeSyncResponder) and the reply back through Mosquitto.
/// </summary>
internal static class TimeSyncRtt
{
    public static Command Command(BenchStart start)
    {
        var requests = BenchOptions.Int("--requests", 500, "Sequential time requests per broker");
        var brokers = BenchOptions.Brokers();
        var cmd = new Command("time-sync-rtt", "Độ trễ đồng bộ đồng hồ / clock-sync round trip, embedded broker vs Mosquitto") { requests, brokers };
        cmd.SetAction(r => start(cmd.Name, () => RunAsync(r.GetValue(requests), r.GetValue(brokers)!.Split(',', StringSplitOptions.TrimEntries))));
        return cmd;
    }

    private static async Task<int> RunAsync(int requests, string[] brokers)
    {
        var failures = 0;
        foreach (var broker in brokers)
        {
            failures += await RunOnceAsync(broker, requests) ? 0 : 1;
        }

        return failures == 0 ? 0 : 1;
    }

    private static async Task<bool> RunOnceAsync(string broker, int requests)
    {
        var timeout = TimeSpan.FromSeconds(60);
        using var commune = new BenchCommune(1, broker);
        var (mosquitto, mosquittoPort) = broker == "mosquitto" ? await ConnectStorm.StartMosquittoAsync(commune.DataDir, commune.Db, 1) : (null, 0);
        await using var _ = mosquitto;
        string[] hubArgs =
        [
            $"--Hub:DataDir={commune.DataDir}", "--Broker:Port=0", "--Http:Urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning",
            .. broker == "mosquitto" ? new[] { "--Broker:Mode=External", "--Broker:External:Host=127.0.0.1", $"--Broker:External:Port={mosquittoPort}" } : [],
        ];
        await using var hub = ChildProcess.StartHub(hubArgs);
        var listening = await hub.WaitListeningAsync(commune.DataDir, timeout);
        var port = listening.Mqtt?.Port ?? mosquittoPort;
        using var http = new HttpClient { BaseAddress = new Uri(listening.Http![0]) };
        var startup = Stopwatch.StartNew();
        while (await ChildProcess.OnlineAsync(http) < 0 && startup.Elapsed < timeout)
        {
            await Task.Delay(50);
        }

        var device = commune.Fleet.Devices[0];
        var request = $"tanky/v1/tan-ky/dev/{device.Id}/time";
        using var client = new MqttClientFactory().CreateMqttClient();
        var reply = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ApplicationMessageReceivedAsync += e =>
        {
            reply.TrySetResult(Encoding.UTF8.GetString(e.ApplicationMessage.Payload));
            return Task.CompletedTask;
        };
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(device.Id)
            .WithCredentials(device.Id, device.Secret).WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).Build());
        await client.SubscribeAsync(request + "/reply", MqttQualityOfServiceLevel.AtMostOnce);

        var rtts = new List<double>(requests);
        for (var i = 0; i < requests + 20; i++)
        {
            reply = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            var t1 = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
            var clock = Stopwatch.StartNew();
            await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(request)
                .WithPayload(FormattableString.Invariant($$"""{"v":1,"t1":{{t1}}}""")).Build());
            var answer = await reply.Task.WaitAsync(TimeSpan.FromSeconds(10));
            clock.Stop();
            if (!answer.Contains(t1.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"reply {answer} does not echo t1 {t1}");
            }

            if (i >= 20)
            {
                // The first 20 warm up the JIT and the connections.
                rtts.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        await client.DisconnectAsync();
        rtts.Sort();
        double At(double p) => Math.Round(rtts[Math.Min(rtts.Count - 1, (int)(p / 100 * rtts.Count))], 3);
        BenchOutput.Write("time-sync-rtt", new
        {
            broker,
            answered_by = broker == "embedded" ? "broker-interceptor" : "hub-client-via-mosquitto",
            requests,
            rtt_ms_p50 = At(50),
            rtt_ms_p90 = At(90),
            rtt_ms_p99 = At(99),
            rtt_ms_max = Math.Round(rtts[^1], 3),
            rtt_ms_mean = Math.Round(rtts.Average(), 3),
        });
        return true;
    }
}
