using System.CommandLine;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using TanKy.DeviceSim.Fleet;
using TanKy.DeviceSim.Node;
using TanKy.Tests.Shared;

namespace TanKy.Bench;

/// <summary>
/// <c>emergency-lane [--speakers 24] [--runs 3] [--upload-minutes 30]</c> (issue #14): trigger-to-first-sound
/// of a <em>recorded</em> emergency (a 1 s WAV posted to <c>/api/v1/emergency</c>, imported
/// then played), on an idle hub and then while a long WAV upload is being imported in the
/// background. Before the emergency lane, the recording waited for the upload's import slot.
/// </summary>
internal static class EmergencyLaneBench
{
    public static Command Command(BenchStart start)
    {
        var speakers = BenchOptions.Int("--speakers", 24, "Simulated speakers");
        var runs = BenchOptions.Int("--runs", 3, "Emergencies per condition (idle, during the upload)");
        var minutes = BenchOptions.Int("--upload-minutes", 30, "Length of the uploaded WAV (8 kHz mono)");
        var cmd = new Command("emergency-lane", "Khẩn cấp khi đang tải lên bản tin dài / recorded emergency during a long upload") { speakers, runs, minutes };
        cmd.SetAction(r => start(cmd.Name, () => RunAsync(r.GetValue(speakers), r.GetValue(runs), r.GetValue(minutes))));
        return cmd;
    }

    private static async Task<int> RunAsync(int speakers, int runs, int minutes)
    {
        ThreadPool.SetMinThreads(64, 64);
        using var commune = new EmergencyBenchCommune(speakers);
        await using var hub = ChildProcess.StartHub($"--Hub:DataDir={commune.DataDir}", "--Broker:Port=0", "--Http:Urls=http://127.0.0.1:0",
            "--Logging:LogLevel:Default=Warning", $"--Broker:MaxConnections={speakers + 100}");
        var listening = await hub.WaitListeningAsync(commune.DataDir, TimeSpan.FromSeconds(60));
        using var http = new HttpClient { BaseAddress = new Uri(listening.Http![0]), Timeout = TimeSpan.FromMinutes(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", commune.Token);
        var up = Stopwatch.StartNew();
        while (await ChildProcess.OnlineAsync(http) < 0 && up.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(50);
        }

        await using var runner = new FleetRunner(commune.Fleet, new FleetRunOptions { Port = listening.Mqtt!.Port, StartAllAtOnce = true, TelemetryInterval = TimeSpan.FromSeconds(60) });
        await runner.StartAsync();
        await runner.WaitUntilAllConnectedAsync(TimeSpan.FromSeconds(120));
        await Task.WhenAll(runner.Nodes.Select(n => n.WaitForClockSynchronisedAsync(TimeSpan.FromSeconds(60))));
        await runner.WaitUntilSpeakersFollowZonesAsync(id => [EmergencyBenchCommune.ZoneOf(id)], TimeSpan.FromSeconds(60)); // zones arrive as desired state (issue #15)

        var idle = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            idle.Add(await RecordedRunAsync(http, runner.Nodes, run));
        }

        Write("idle", speakers, runs, idle, null, hub);

        var wav = Wav8k(TimeSpan.FromMinutes(minutes));
        using var form = new MultipartFormDataContent { { new ByteArrayContent(wav), "file", "thoi-su.wav" }, { new StringContent("Thời sự dài"), "title" } };
        var posted = Stopwatch.StartNew();
        var response = await http.PostAsync("/api/v1/media", form);
        var job = response.Headers.Location?.ToString() ?? throw new InvalidOperationException($"upload answered {(int)response.StatusCode}, not 202");
        while (await StateAsync(http, job) == "queued")
        {
            await Task.Delay(20);
        }

        var during = new List<double>();
        var states = new List<string>();
        for (var run = 0; run < runs; run++)
        {
            during.Add(await RecordedRunAsync(http, runner.Nodes, runs + run));
            states.Add(await StateAsync(http, job));
        }

        string state;
        while ((state = await StateAsync(http, job)) is "queued" or "running")
        {
            await Task.Delay(500);
        }

        Write("during-upload", speakers, runs, during, new { upload_mb = Math.Round(wav.Length / 1e6, 1), upload_minutes = minutes, job_state_after_each_emergency = states, upload_import_s = Math.Round(posted.Elapsed.TotalSeconds, 1), upload_final_state = state }, hub);
        await runner.StopAsync();
        return 0;
    }

    /// <summary>Median first sound over the speakers for one recorded emergency, in ms from just before the POST.</summary>
    private static async Task<double> RecordedRunAsync(HttpClient http, IReadOnlyList<SimulatedNode> nodes, int run)
    {
        // A different tone each run: identical bytes would be returned from the library without an import.
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Tone(TimeSpan.FromSeconds(1), 400 + (37 * run))), "file", "ghi-am.wav" },
            { new StringContent(string.Join(',', EmergencyBenchCommune.AllZones)), "zones" },
        };
        var t0 = (DateTimeOffset.UtcNow.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
        var response = await http.PostAsync("/api/v1/emergency", form);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var firsts = (await EmergencyBench.FirstSoundsAsync(http, nodes, id, t0)).Order().ToList();
        if (firsts.Count == 0)
        {
            var detail = await http.GetFromJsonAsync<JsonElement>("/api/v1/broadcasts/" + id);
            Console.Error.WriteLine($"no first sound for {id}: {detail}");
            return -1;
        }

        return Math.Round(firsts[firsts.Count / 2], 1);
    }

    private static async Task<string> StateAsync(HttpClient http, string job) =>
        (await http.GetFromJsonAsync<JsonElement>(job)).GetProperty("state").GetString()!;

    private static byte[] Tone(TimeSpan length, double hz) => WavPcm16(length, 48_000, hz);

    private static byte[] Wav8k(TimeSpan length) => WavPcm16(length, 8_000, 330);

    private static byte[] WavPcm16(TimeSpan length, int rate, double hz)
    {
        var n = (int)(length.TotalSeconds * rate);
        using var ms = new MemoryStream();
        using var w = new BinaryWriter(ms);
        w.Write("RIFF"u8);
        w.Write(36 + (n * 2));
        w.Write("WAVEfmt "u8);
        w.Write(16);
        w.Write((short)1);
        w.Write((short)1);
        w.Write(rate);
        w.Write(rate * 2);
        w.Write((short)2);
        w.Write((short)16);
        w.Write("data"u8);
        w.Write(n * 2);
        for (var i = 0; i < n; i++)
        {
            w.Write((short)(8000 * Math.Sin(2 * Math.PI * hz * i / rate)));
        }

        w.Flush();
        return ms.ToArray();
    }

    private static void Write(string condition, int speakers, int runs, List<double> medians, object? upload, ChildProcess hub) =>
        BenchOutput.Write("emergency-lane", new
        {
            date = "2026-12-07", content = "recording-1s", condition, speakers, runs,
            trigger_to_first_sound_median_per_run_ms = medians.ToArray(),
            worst_run_ms = medians.Count == 0 ? -1 : medians.Max(),
            upload, hub_peak_rss_mib = Math.Round(hub.PeakRssMiB(), 1),
        });
}
