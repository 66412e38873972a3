using System.Runtime.InteropServices;
using TanKy.DeviceSim.Audio;
using TanKy.DeviceSim.Fleet;
using TanKy.DeviceSim.Node;

namespace TanKy.DeviceSim.Cli;

/// <summary><c>tanky-sim</c>: runs a simulated fleet against a broker until Ctrl-C or SIGTERM.</summary>
internal static class SimCli
{
    public const string Help = """
        tanky-sim — TanKy.Iot device simulator (speakers, Wi-Fi APs, cameras, LED boards)

        Usage:
          tanky-sim run --fleet FILE [options]
          tanky-sim --help

        The fleet file is written by `tanky-hub devices export-fleet` (site, broker, devices, secrets).

        Options of run:
          --fleet FILE               fleet file (JSON), required
          --host H                   broker host (default: the fleet file's)
          --port P                   broker port (default: the fleet file's)
          --telemetry-interval S     seconds between telemetry messages (default 30; fractions allowed)
          --limit N                  run only the first N devices
          --storm                    start every node at once (connect storm) instead of staggered
          --no-decode                speakers schedule and count frames without decoding Opus
          --disconnect-every S       each node loses its link abruptly every S seconds on average
          --latency-ms N             delay every publish and every received message by N ms
          --kill-every S             every S seconds kill one random online node (will published);
                                     it boots again 5 s later with a new boot id
          --summary-every S          seconds between summary lines (default 10)
          --audio-dir DIR            speakers write each stream they play to DIR/{device}.{stream}.wav
          --aplay                    speakers play through `aplay -f S16_LE -r 48000 -c 1` (a real Pi)
          --clock-offset-ms N        each node's own clock is off by a random amount within ±N ms
          --sync-window S            each node starts its clock-sync burst at random within S seconds (default 2)
          --audio-loss PCT           speakers throw away PCT % of received audio frames (each frame independently)

        Prints one line per node state change and a periodic summary (online/total).
        Ctrl-C or SIGTERM: every node publishes offline, then disconnects cleanly. Exit codes: 0 ok,
        1 fleet file error, 2 bad arguments.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            stdout.WriteLine(Help);
            return args.Length == 0 ? 2 : 0;
        }

        if (args[0] != "run")
        {
            stderr.WriteLine($"unknown command '{args[0]}'; see tanky-sim --help");
            return 2;
        }

        RunArguments run;
        try
        {
            run = RunArguments.Parse(args[1..]);
        }
        catch (FormatException ex)
        {
            stderr.WriteLine($"tanky-sim run: {ex.Message}; see tanky-sim --help");
            return 2;
        }

        FleetFile fleet;
        try
        {
            fleet = FleetFile.Load(run.Fleet);
        }
        catch (FleetFileException ex)
        {
            stderr.WriteLine($"fleet file error: {ex.Message}");
            return 1;
        }

        await RunFleetAsync(fleet, run, stdout);
        return 0;
    }

    private static async Task RunFleetAsync(FleetFile fleet, RunArguments run, TextWriter stdout)
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx =>
        {
            ctx.Cancel = true;
            stop.Cancel();
        });

        var options = new FleetRunOptions
        {
            Host = run.Host,
            Port = run.Port,
            TelemetryInterval = TimeSpan.FromSeconds(run.TelemetryIntervalSeconds),
            Limit = run.Limit,
            StartAllAtOnce = run.Storm,
            KillEvery = run.KillEverySeconds is { } k ? TimeSpan.FromSeconds(k) : null,
            Faults = new FaultOptions
            {
                DisconnectMeanInterval = run.DisconnectEverySeconds is { } d ? TimeSpan.FromSeconds(d) : null,
                Latency = TimeSpan.FromMilliseconds(run.LatencyMs),
                AudioLossPercent = run.AudioLossPercent,
            },
            AudioOutputDirectory = run.AudioDirectory,
            AudioSink = run.Aplay ? AplaySink.Factory : run.NoDecode ? (_, _) => new NullSink(decode: false) : null,
            ClockOffsetSpread = TimeSpan.FromMilliseconds(run.ClockOffsetMs),
            ClockSyncWindow = run.SyncWindowSeconds is { } w ? TimeSpan.FromSeconds(w) : null,
        };

        await using var runner = new FleetRunner(fleet, options);
        runner.Activity += (_, a) => PrintStateChange(stdout, a);
        stdout.WriteLine($"{Now()} starting {runner.Nodes.Count} node(s) of site {fleet.Site} → {options.Host ?? fleet.BrokerHost}:{options.Port ?? fleet.BrokerPort}");
        try
        {
            await runner.StartAsync(stop.Token);
            using var summary = new PeriodicTimer(TimeSpan.FromSeconds(run.SummaryEverySeconds));
            while (await summary.WaitForNextTickAsync(stop.Token))
            {
                stdout.WriteLine($"{Now()} summary: online {runner.OnlineCount}/{runner.Nodes.Count}");
            }
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C / SIGTERM: fall through to the clean shutdown.
        }

        stdout.WriteLine($"{Now()} stopping: every node publishes offline, then disconnects");
        await runner.StopAsync();
        stdout.WriteLine($"{Now()} stopped: online {runner.OnlineCount}/{runner.Nodes.Count}");
    }

    private static void PrintStateChange(TextWriter stdout, NodeActivity a)
    {
        var line = a.Kind switch
        {
            NodeActivityKind.Connected => $"online  (boot {a.BootId})",
            NodeActivityKind.Disconnected => $"offline ({a.Detail})",
            NodeActivityKind.Rebooting => "rebooting",
            NodeActivityKind.Killed => "killed (will expected)",
            NodeActivityKind.Stopped => "stopped",
            NodeActivityKind.DesiredApplied => $"applied desired v{a.Version}",
            NodeActivityKind.ClockSynchronised => $"clock synchronised ({a.Detail})",
            NodeActivityKind.PlaybackStarted => $"playing {a.Detail}",
            NodeActivityKind.PlaybackPreempted => $"preempted {a.Detail}",
            NodeActivityKind.PlaybackFinished => $"finished {a.Detail}",
            NodeActivityKind.CommandHandled => $"command {a.Command?.Op} → {a.Command?.Status}{(a.Command?.Error is { } e ? $" ({e})" : "")}",
            _ => null,
        };
        if (line is not null)
        {
            stdout.WriteLine($"{Now()} {a.DeviceId,-24} {line}");
        }
    }

    private static string Now() => DateTimeOffset.Now.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);
}
