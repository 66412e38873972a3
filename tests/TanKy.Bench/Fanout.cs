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
    public static async Task<int> RunAsync(string[] args)
    {
        var nodes = BenchArgs.String(args, "--nodes", "100,500,1000").Split(',').Select(int.Parse).ToList();
        var brokers = BenchArgs.String(args, "--brokers", "embedded,mosquitto").Split(',');
        var seconds = BenchArgs.Int(args, "--seconds", 20);
        var answer = BenchArgs.String(args, "--time-answer", "broker");
        var timeout = TimeSpan.FromSeconds(BenchArgs.Int(args, "--timeout", 90));
        var decode = args.Contains("--decode");
        var window = BenchArgs.String(args, "--sync-window", "default");
        var settle = TimeSpan.FromSeconds(BenchArgs.Int(args, "--settle", 0));
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
        _ => double.Parse(window, System.Globalization.CultureInfo.InvariantCulture),
    };
}
