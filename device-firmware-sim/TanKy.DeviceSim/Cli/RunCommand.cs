using System.CommandLine;

namespace TanKy.DeviceSim.Cli;

/// <summary>
/// <c>tanky-sim run</c> and its options. The names and defaults are the product's interface
/// (README, hub/demo.sh, the gateway speaker, the bench): change them only with their callers.
/// </summary>
internal sealed class RunCommand
{
    // Instances per tree, not statics: a symbol records its parents, and tests build trees in parallel.
    private readonly Option<string> Fleet = new("--fleet") { HelpName = "FILE", Description = "Fleet file (JSON) written by `tanky-hub devices export-fleet`", Required = true };
    private readonly Option<string?> Host = new("--host") { HelpName = "H", Description = "Broker host (default: the fleet file's)" };
    private readonly Option<int?> Port = OptionValues.OptionalInt("--port", "P", "Broker port (default: the fleet file's)", 1, 65535);
    private readonly Option<double> TelemetryInterval = OptionValues.Seconds("--telemetry-interval", "S", "Seconds between telemetry messages (fractions allowed)", 30);
    private readonly Option<int?> Limit = OptionValues.OptionalInt("--limit", "N", "Run only the first N devices", 1, int.MaxValue);
    private readonly Option<bool> Storm = new("--storm") { Description = "Start every node at once (connect storm) instead of staggered" };
    private readonly Option<bool> NoDecode = new("--no-decode") { Description = "Speakers schedule and count frames without decoding Opus" };
    private readonly Option<double?> DisconnectEvery = OptionValues.OptionalSeconds("--disconnect-every", "S", "Each node loses its link abruptly every S seconds on average");
    private readonly Option<int> LatencyMs = OptionValues.Int("--latency-ms", "N", "Delay every publish and every received message by N ms", 0, 600_000, 0);
    private readonly Option<double?> KillEvery = OptionValues.OptionalSeconds("--kill-every", "S", "Every S seconds kill one random online node (will published); it boots again 5 s later with a new boot id");
    private readonly Option<double> SummaryEvery = OptionValues.Seconds("--summary-every", "S", "Seconds between summary lines", 10);
    private readonly Option<string?> AudioDir = new("--audio-dir") { HelpName = "DIR", Description = "Speakers write each stream they play to DIR/{device}.{stream}.wav" };
    private readonly Option<bool> Aplay = new("--aplay") { Description = "Speakers play through `aplay -f S16_LE -r 48000 -c 1` (a real Pi)" };
    private readonly Option<int> ClockOffsetMs = OptionValues.Int("--clock-offset-ms", "N", "Each node's own clock is off by a random amount within ±N ms", 0, 3_600_000, 0);
    private readonly Option<double?> SyncWindow = OptionValues.OptionalSeconds("--sync-window", "S", "Each node starts its clock-sync burst at random within S seconds (default 2)");
    private readonly Option<double> AudioLoss = OptionValues.Percent("--audio-loss", "PCT", "Speakers throw away PCT % of received audio frames (each frame independently)");
    private readonly Option<Node.ConformanceFault> ConformanceFault = new("--conformance-fault") { HelpName = "FAULT", Description = "Every node breaks the protocol on purpose, to see `tanky-hub conformance` catch it: NoBirth, IgnoresDesired, WrongVersionEcho, StartsLate, NoCommandReply, AcceptsWrongChecksum" };

    /// <param name="runFleet">What the command does with its arguments; tests pass a stand-in.</param>
    public static Command Build(Func<RunArguments, Task<int>> runFleet) => new RunCommand().Create(runFleet);

    private Command Create(Func<RunArguments, Task<int>> runFleet)
    {
        var run = new Command(
            "run",
            """
            Chạy đội thiết bị mô phỏng đến khi Ctrl-C / run a simulated fleet against a broker until Ctrl-C or SIGTERM.
            Prints one line per node state change and a periodic summary (online/total).
            Ctrl-C or SIGTERM: every node publishes offline, then disconnects cleanly.
            Exit codes: 0 ok, 1 fleet file error, 2 bad arguments.
            """)
        {
            Fleet, Host, Port, TelemetryInterval, Limit, Storm, NoDecode, DisconnectEvery, LatencyMs, KillEvery,
            SummaryEvery, AudioDir, Aplay, ClockOffsetMs, SyncWindow, AudioLoss, ConformanceFault,
        };
        run.SetAction(r => runFleet(Read(r)));
        return run;
    }

    private RunArguments Read(ParseResult r) => new()
    {
        Fleet = r.GetValue(Fleet)!,
        Host = r.GetValue(Host),
        Port = r.GetValue(Port),
        TelemetryIntervalSeconds = r.GetValue(TelemetryInterval),
        Limit = r.GetValue(Limit),
        Storm = r.GetValue(Storm),
        NoDecode = r.GetValue(NoDecode),
        DisconnectEverySeconds = r.GetValue(DisconnectEvery),
        LatencyMs = r.GetValue(LatencyMs),
        KillEverySeconds = r.GetValue(KillEvery),
        SummaryEverySeconds = r.GetValue(SummaryEvery),
        AudioDirectory = r.GetValue(AudioDir),
        Aplay = r.GetValue(Aplay),
        ClockOffsetMs = r.GetValue(ClockOffsetMs),
        SyncWindowSeconds = r.GetValue(SyncWindow),
        AudioLossPercent = r.GetValue(AudioLoss),
        ConformanceFault = r.GetValue(ConformanceFault),
    };
}
