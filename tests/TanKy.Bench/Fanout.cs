using System.CommandLine;
using System.Globalization;
using TanKy.Hub.Media;

namespace TanKy.Bench;

/// <summary>
/// <c>fanout [--nodes 100,500,1000] [--brokers embedded,mosquitto] [--seconds 20] [--decode]
/// [--time-answer broker|hub|both] [--sync-window default|auto|S] [--settle S] [--timeout 90]</c>: one stored clip broadcast to N simulated
/// speakers that run in a separate <c>tanky-sim</c> process (every node connects at once and
/// synchronises its clock, offsets ±5 s). One JSON line per run: clock-sync outcome, start error
/// and trigger-to-first-sound from the hub's delivery report, frames concealed, hub CPU and RSS
/// during the broadcast, wire bandwidth per node; and one line of Opus encode speed.
/// Speakers skip Opus decoding unless <c>--decode</c> (1000 decoders do not fit 2 cores).
/// </summary>
internal static class Fanout
{
    public static Command Command(BenchStart start)
    {
        var nodes = BenchOptions.Counts("--nodes", "100,500,1000", "Speakers per run, comma-separated");
        var brokers = BenchOptions.Brokers();
        var seconds = BenchOptions.Int("--seconds", 20, "Length of the clip");
        var answer = BenchOptions.Choice("--time-answer", "broker", "Who answers clock-sync requests", "broker", "hub", "both");
        var timeout = BenchOptions.Int("--timeout", 90, "Seconds to wait for each run");
        var decode = new Option<bool>("--decode") { Description = "Speakers decode Opus (1000 decoders do not fit 2 cores)" };
        var window = new Option<string>("--sync-window")
        {
            HelpName = "default|auto|S",
            Description = "Clock-sync start window: the protocol's 0–2 s, 1 s per 100 nodes, or S seconds",
            DefaultValueFactory = _ => "default",
        };
        window.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string>() is { } w && w is not ("default" or "auto") && !(double.TryParse(w, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0))
            {
                r.AddError($"--sync-window needs default, auto or seconds > 0, not '{w}'");
            }
        });
        var settle = BenchOptions.Int("--settle", 0, "Seconds the fleet stays online before the broadcast", min: 0);
        var cmd = new Command("fanout", "Phát một bản tin tới N loa / one stored clip broadcast to N simulated speakers") { nodes, brokers, seconds, answer, timeout, decode, window, settle };
        cmd.SetAction(r => start(cmd.Name, () => RunAsync(
            [.. r.GetValue(nodes)!.Split(',', StringSplitOptions.TrimEntries).Select(int.Parse)], r.GetValue(brokers)!.Split(',', StringSplitOptions.TrimEntries), r.GetValue(seconds), r.GetValue(answer)!, TimeSpan.FromSeconds(r.GetValue(timeout)),
            r.GetValue(decode), r.GetValue(window)!, TimeSpan.FromSeconds(r.GetValue(settle)))));
        return cmd;
    }

    private static async Task<int> RunAsync(List<int> nodes, string[] brokers, int seconds, string answer, TimeSpan timeout, bool decode, string window, TimeSpan settle)
    {
        var clip = FanoutClip.Generate(seconds);

        var encode = MediaBench.MeasureEncode(clip, new MediaOptions());
        BenchOutput.Write("fanout-encode", new
        {
            audio_seconds = encode.AudioSeconds,
            encode_seconds = Math.Round(encode.EncodeSeconds, 3),
            times_real_time = Math.Round(encode.TimesRealTime, 1),
            frames = encode.Frames,
            stream_bytes = encode.StreamBytes,
            native_libopus = encode.Native,
        });

        var failures = 0;
        foreach (var broker in brokers)
        {
            foreach (var n in nodes)
            {
                foreach (var inBroker in answer == "both" ? new[] { true, false } : [answer != "hub"])
                {
                    var options = new FanoutRun.Options(broker, n, clip, decode, inBroker && broker == "embedded", timeout, SyncWindow(window, n), settle);
                    if (broker != "embedded" && !inBroker)
                    {
                        continue; // External mode always answers through the hub's client.
                    }

                    failures += await FanoutRun.RunAsync(options) ? 0 : 1;
                }
            }
        }

        return failures == 0 ? 0 : 1;
    }

    /// <summary><c>default</c>: the protocol's 0–2 s; <c>auto</c>: 1 s per 100 nodes (at least 2); else seconds.</summary>
    private static double? SyncWindow(string window, int nodes) => window switch
    {
        "default" => null,
        "auto" => Math.Max(2, nodes / 100.0),
        _ => double.Parse(window, CultureInfo.InvariantCulture),
    };
}
