using System.CommandLine;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using TanKy.DeviceSim.Fleet;
using TanKy.DeviceSim.Node;
using TanKy.Tests.Shared;

namespace TanKy.Bench;

/// <summary>
/// <c>emergency [--speakers 500] [--runs 3]</c>: trigger-to-first-sound across N simulated speakers
/// in 12 hamlets, (1) for a stored clip through <c>POST /api/v1/emergency</c> (from just before the
/// request), (2) for live voice through the <c>/api/v1/live</c> WebSocket (from the first PCM sample
/// sent). First sound = the node's hub-clock time of its first played frame (its own clock estimate).
/// </summary>
internal static class EmergencyBench
{
    public static Command Command(BenchStart start)
    {
        var speakers = BenchOptions.Int("--speakers", 500, "Simulated speakers");
        var runs = BenchOptions.Int("--runs", 3, "Runs of each kind (stored clip, live voice)");
        var cmd = new Command("emergency", "Phát khẩn cấp: từ lệnh đến tiếng đầu tiên / emergency trigger-to-first-sound, stored clip and live voice") { speakers, runs };
        cmd.SetAction(r => start(cmd.Name, () => RunAsync(r.GetValue(speakers), r.GetValue(runs))));
        return cmd;
    }

    private static async Task<int> RunAsync(int speakers, int runs)
    {
        ThreadPool.SetMinThreads(64, 64);
        using var commune = new EmergencyBenchCommune(speakers);
        await using var hub = ChildProcess.StartHub($"--Hub:DataDir={commune.DataDir}", "--Broker:Port=0", "--Http:Urls=http://127.0.0.1:0",
            "--Logging:LogLevel:Default=Warning", $"--Broker:MaxConnections={speakers + 100}");
        var listening = await hub.WaitListeningAsync(commune.DataDir, TimeSpan.FromSeconds(60));
        var mqttPort = listening.Mqtt!.Port;
        using var http = new HttpClient { BaseAddress = new Uri(listening.Http![0]) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", commune.Token);
        var up = Stopwatch.StartNew();
        while (await ChildProcess.OnlineAsync(http) < 0 && up.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(50);
        }

        await using var runner = new FleetRunner(commune.Fleet, new FleetRunOptions { Port = mqttPort, StartAllAtOnce = true, TelemetryInterval = TimeSpan.FromSeconds(60) });
        await runner.StartAsync();
        await runner.WaitUntilAllConnectedAsync(TimeSpan.FromSeconds(120));
        await Task.WhenAll(runner.Nodes.Select(n => n.WaitForClockSynchronisedAsync(TimeSpan.FromSeconds(60))));
        await runner.WaitUntilSpeakersFollowZonesAsync(id => [EmergencyBenchCommune.ZoneOf(id)], TimeSpan.FromSeconds(60)); // zones arrive as desired state (issue #15)
        var clip = await UploadClipAsync(http);
        var stored = new List<double>();
        var live = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            stored.AddRange(await StoredRunAsync(http, runner.Nodes, clip));
        }

        Write("stored-clip", speakers, runs, stored, 600, hub);
        for (var run = 0; run < runs; run++)
        {
            live.AddRange(await LiveRunAsync(http.BaseAddress!, commune.Token, runner.Nodes));
        }

        Write("live-voice", speakers, runs, live, 800, hub);
        await runner.StopAsync();
        return 0;
    }

    private static async Task<IEnumerable<double>> StoredRunAsync(HttpClient http, IReadOnlyList<SimulatedNode> nodes, string clip)
    {
        var t0 = NowMicros();
        var response = await http.PostAsJsonAsync("/api/v1/emergency", new { zones = EmergencyBenchCommune.AllZones, media = clip });
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        return await FirstSoundsAsync(http, nodes, id, t0);
    }

    private static async Task<IEnumerable<double>> LiveRunAsync(Uri hub, string token, IReadOnlyList<SimulatedNode> nodes)
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{hub.Authority}/api/v1/live?zones={string.Join(',', EmergencyBenchCommune.AllZones)}&access_token={token}"), CancellationToken.None);
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"format\":\"pcm16\",\"rate\":48000}"), WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[1024];
        await socket.ReceiveAsync(buffer, CancellationToken.None);
        var chunk = new byte[960 * 2];
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        long t0 = 0;
        string? id = null;
        for (var frame = 0; frame < 100; frame++)
        {
            for (var i = 0; i < 960; i++)
            {
                var s = (short)(6000 * Math.Sin(2 * Math.PI * 250 * ((frame * 960) + i) / 48000.0));
                (chunk[2 * i], chunk[(2 * i) + 1]) = ((byte)s, (byte)(s >> 8));
            }

            t0 = frame == 0 ? NowMicros() : t0;
            await socket.SendAsync(chunk, WebSocketMessageType.Binary, true, CancellationToken.None);
            if (frame == 0)
            {
                var r = await socket.ReceiveAsync(buffer, CancellationToken.None);
                id = JsonDocument.Parse(buffer.AsMemory(0, r.Count)).RootElement.GetProperty("id").GetString();
            }

            await timer.WaitForNextTickAsync();
        }

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        using var http = new HttpClient { BaseAddress = hub };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await FirstSoundsAsync(http, nodes, id!, t0);
    }

    /// <summary>Waits for the broadcast to end, then reads each node's first played frame of its stream.</summary>
    internal static async Task<IEnumerable<double>> FirstSoundsAsync(HttpClient http, IReadOnlyList<SimulatedNode> nodes, string id, long t0)
    {
        var wait = Stopwatch.StartNew();
        while (wait.Elapsed < TimeSpan.FromSeconds(60))
        {
            var detail = await http.GetFromJsonAsync<JsonElement>("/api/v1/broadcasts/" + id);
            if (detail.GetProperty("broadcast").GetProperty("status").GetString() is "finished" or "cancelled" or "failed")
            {
                break;
            }

            await Task.Delay(200);
        }

        await Task.Delay(1000);
        var delivery = (await http.GetFromJsonAsync<JsonElement>("/api/v1/broadcasts/" + id)).GetProperty("delivery");
        var reported = delivery.GetProperty("nodes").EnumerateArray()
            .Where(n => n.TryGetProperty("triggerToSoundUs", out var t) && t.ValueKind == JsonValueKind.Number)
            .Select(n => n.GetProperty("triggerToSoundUs").GetInt64() / 1000.0).ToList();
        HubMeasured.AddRange(reported);
        reported.Sort();
        PerRun.Add($"p50 {P(reported, 0.5)} / max {(reported.Count == 0 ? double.NaN : reported[^1])} ms, started {delivery.GetProperty("started").GetInt32()}");
        Started += delivery.GetProperty("started").GetInt32();
        Targeted += delivery.GetProperty("targeted").GetInt32();
        var stream = nodes.Select(n => n.LastPlayback).Where(p => p is not null).GroupBy(p => p!.StreamId).MaxBy(g => g.Count())?.Key;
        return nodes.Select(n => stream is null ? null : n.PlaybackOf(stream)).Where(p => p?.ActualMicros is not null).Select(p => (p!.ActualMicros!.Value - t0) / 1000.0).ToList();
    }

    private static async Task<string> UploadClipAsync(HttpClient http)
    {
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Tone(TimeSpan.FromSeconds(2))), "file", "canh-bao.wav" },
            { new StringContent("Cảnh báo thử"), "title" },
        };
        var response = await http.PostAsync("/api/v1/media", form);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    internal static byte[] Tone(TimeSpan length)
    {
        var n = (int)(length.TotalSeconds * 48_000);
        using var ms = new MemoryStream();
        using var w = new BinaryWriter(ms);
        w.Write("RIFF"u8);
        w.Write(36 + (n * 2));
        w.Write("WAVEfmt "u8);
        foreach (var v in new[] { 16, 0x10001, 48_000, 96_000, 0x100002 })
        {
            w.Write(v);
        }

        w.Write("data"u8);
        w.Write(n * 2);
        for (var i = 0; i < n; i++)
        {
            w.Write((short)(8000 * Math.Sin(2 * Math.PI * 440 * i / 48_000.0)));
        }

        w.Flush();
        return ms.ToArray();
    }

    private static List<double> HubMeasured { get; } = [];

    private static List<string> PerRun { get; } = [];

    private static int Started { get; set; }

    private static int Targeted { get; set; }

    private static long NowMicros() => (DateTimeOffset.UtcNow.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    private static double P(List<double> ms, double q) => ms.Count == 0 ? double.NaN : Math.Round(ms[Math.Min(ms.Count - 1, (int)Math.Ceiling(q * ms.Count) - 1)], 1);

    private static void Write(string content, int speakers, int runs, List<double> ms, double goalMs, ChildProcess hub)
    {
        ms.Sort();
        HubMeasured.Sort();
        double P(double q) => EmergencyBench.P(ms, q);
        BenchOutput.Write("emergency", new
        {
            content, speakers, runs, samples = ms.Count, trigger_to_first_sound_p50_ms = P(0.5), trigger_to_first_sound_p99_ms = P(0.99),
            max_ms = ms.Count == 0 ? double.NaN : Math.Round(ms[^1], 1), hub_peak_rss_mib = Math.Round(hub.PeakRssMiB(), 1),
            per_run_hub_report = PerRun.ToArray(), delivery_started = Started, delivery_targeted = Targeted,
            hub_report_p50_ms = EmergencyBench.P(HubMeasured, 0.5), hub_report_p99_ms = EmergencyBench.P(HubMeasured, 0.99),
            goal = $"p99 <= {goalMs} ms", goal_met = ms.Count == speakers * runs && P(0.99) <= goalMs,
        });
        (Started, Targeted) = (0, 0);
        HubMeasured.Clear();
        PerRun.Clear();
    }
}
