using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace TanKy.Bench;

/// <summary>One fanout run: a commune of N speakers, the hub and the simulator as child processes, one broadcast.</summary>
internal static class FanoutRun
{
    public static async Task<bool> RunAsync(Options o)
    {
        using var commune = await FanoutCommune.CreateAsync(o.Nodes, o.Clip);
        var (mosquitto, mosquittoPort) = o.Broker == "mosquitto" ? await ConnectStorm.StartMosquittoAsync(commune.DataDir, commune.Db, o.Nodes) : (null, 0);
        await using var _ = mosquitto;
        string[] hubArgs =
        [
            $"--Hub:DataDir={commune.DataDir}", "--Broker:Port=0", "--Http:Urls=http://127.0.0.1:0",
            "--Logging:LogLevel:Default=Warning", $"--Broker:MaxConnections={o.Nodes + 100}", $"--Broker:AnswerTimeRequests={o.AnswerInBroker}",
            .. o.Broker == "mosquitto" ? new[] { "--Broker:Mode=External", "--Broker:External:Host=127.0.0.1", $"--Broker:External:Port={mosquittoPort}" } : [],
        ];
        await using var hub = ChildProcess.StartHub(hubArgs);
        var listening = await hub.WaitListeningAsync(commune.DataDir, o.Timeout);
        var mqttPort = listening.Mqtt?.Port ?? mosquittoPort;
        using var http = new HttpClient { BaseAddress = new Uri(listening.Http![0]) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", commune.Token);
        var clock = Stopwatch.StartNew();
        while (await ChildProcess.OnlineAsync(http) < 0 && clock.Elapsed < o.Timeout)
        {
            await Task.Delay(100);
        }

        // Connect storm and clock-sync burst.
        var hubCpu0 = hub.CpuSeconds();
        await using var sim = FanoutSimProcess.Start(commune.FleetPath, mqttPort, o.Decode, clockOffsetMs: 5000, o.SyncWindowSeconds);
        var storm = Stopwatch.StartNew();
        int online;
        double? allOnline = null, allSynchronised = null;
        while (((online = await ChildProcess.OnlineAsync(http)) < o.Nodes || sim.Synchronised < o.Nodes) && storm.Elapsed < o.Timeout)
        {
            allOnline ??= online >= o.Nodes ? storm.Elapsed.TotalSeconds : null;
            allSynchronised ??= sim.Synchronised >= o.Nodes ? storm.Elapsed.TotalSeconds : null;
            await Task.Delay(200);
        }

        allOnline ??= online >= o.Nodes ? storm.Elapsed.TotalSeconds : null;
        allSynchronised ??= sim.Synchronised >= o.Nodes ? storm.Elapsed.TotalSeconds : null;

        var syncSeconds = storm.Elapsed.TotalSeconds;
        var syncHubCpu = hub.CpuSeconds() - hubCpu0;
        var synchronised = sim.Synchronised;

        // Optionally let the nodes leave the clock-sync convergence phase (60 s) first.
        await Task.Delay(o.Settle);

        // The broadcast, to every hamlet.
        var cpu0 = hub.CpuSeconds();
        var simCpu0 = sim.CpuSeconds();
        var rss = new List<double>();
        var wall = Stopwatch.StartNew();
        var play = await http.PostAsJsonAsync("/api/v1/broadcasts", new { zones = commune.Zones, media = commune.Clip.Id, @class = "normal", source = "api" });
        play.EnsureSuccessStatusCode();
        var ticket = await play.Content.ReadFromJsonAsync<JsonElement>();
        var id = ticket.GetProperty("id").GetString()!;
        var stream = ticket.GetProperty("stream").GetString() ?? "b-0000000000000000";
        FanoutDelivery delivery;
        var deadline = o.Timeout + commune.Stream.Duration;
        while (true)
        {
            rss.Add(hub.RssMiB());
            delivery = FanoutDelivery.Parse(await http.GetFromJsonAsync<JsonElement>($"/api/v1/broadcasts/{id}"));
            if ((delivery.Targeted > 0 && delivery.Finished >= delivery.Targeted) || wall.Elapsed > deadline)
            {
                break;
            }

            await Task.Delay(250);
        }

        var broadcastSeconds = wall.Elapsed.TotalSeconds;
        var hubCpuPercent = (hub.CpuSeconds() - cpu0) / broadcastSeconds * 100;
        var simCpuPercent = (sim.CpuSeconds() - simCpu0) / broadcastSeconds * 100;
        var bandwidth = FanoutClip.Bandwidth(commune.Stream.Packets, commune.Stream.Duration.TotalSeconds, $"tanky/v1/tan-ky/stream/{stream}");
        var p99 = FanoutDelivery.Percentile(delivery.StartErrorsUs, 99);
        var t2s99 = FanoutDelivery.Percentile(delivery.TriggerToSoundUs, 99, absolute: false);
        var result = new
        {
            broker = o.Broker,
            nodes = o.Nodes,
            time_answered_in = o.Broker == "embedded" ? (o.AnswerInBroker ? "broker-interceptor" : "hub-client") : "hub-client",
            decode = o.Decode,
            sync_window_seconds = o.SyncWindowSeconds ?? 2,
            settle_seconds = o.Settle.TotalSeconds,
            online_at_hub = online,
            clock_synchronised = synchronised,
            seconds_until_all_online_at_hub = allOnline is { } ao ? Math.Round(ao, 1) : (double?)null,
            seconds_until_all_synchronised = allSynchronised is { } s ? Math.Round(s, 1) : (double?)null,
            seconds_storm_phase = Math.Round(syncSeconds, 1),
            hub_cpu_seconds_during_storm_and_sync = Math.Round(syncHubCpu, 2),
            clip_seconds = Math.Round(commune.Stream.Duration.TotalSeconds, 2),
            targeted = delivery.Targeted,
            started = delivery.Started,
            finished = delivery.Finished,
            start_error_us_p50 = FanoutDelivery.Percentile(delivery.StartErrorsUs, 50),
            start_error_us_p99 = p99,
            start_error_us_max = FanoutDelivery.Percentile(delivery.StartErrorsUs, 100),
            trigger_to_sound_ms_p50 = FanoutDelivery.Percentile(delivery.TriggerToSoundUs, 50, absolute: false) / 1000.0,
            trigger_to_sound_ms_p99 = t2s99 / 1000.0,
            frames_played = delivery.Played,
            frames_concealed = delivery.Concealed,
            frames_late = delivery.Late,
            frames_fec = delivery.Fec,
            hub_cpu_percent_of_one_core = Math.Round(hubCpuPercent, 1),
            sim_cpu_percent_of_one_core = Math.Round(simCpuPercent, 1),
            hub_rss_mib_max = Math.Round(rss.Max(), 1),
            hub_rss_mib_mean = Math.Round(rss.Average(), 1),
            stream_payload_kbps_per_node = Math.Round(bandwidth.PayloadKbps, 2),
            wire_kbps_per_node_incl_mqtt = Math.Round(bandwidth.WireKbps, 2),
            messages = bandwidth.Messages,
            goals_at_500 = "start error p99 <= 5000 us, trigger-to-sound p99 <= 600 ms, <= 32 kbit/s, hub CPU <= 50 %",
            goals_met = p99 <= 5000 && t2s99 <= 600_000 && bandwidth.WireKbps <= 32 && hubCpuPercent <= 50 && delivery.Finished == o.Nodes,
        };
        BenchOutput.Write("fanout", result);
        return delivery.Finished == o.Nodes;
    }

    internal sealed record Options(string Broker, int Nodes, float[] Clip, bool Decode, bool AnswerInBroker, TimeSpan Timeout, double? SyncWindowSeconds, TimeSpan Settle);
}
