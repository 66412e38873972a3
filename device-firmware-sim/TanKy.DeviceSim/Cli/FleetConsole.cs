using System.Globalization;
using System.Runtime.InteropServices;
using TanKy.DeviceSim.Audio;
using TanKy.DeviceSim.Fleet;
using TanKy.DeviceSim.Node;

namespace TanKy.DeviceSim.Cli;

/// <summary>What <c>tanky-sim run</c> does: the fleet on the console, one line per state change, until Ctrl-C or SIGTERM.</summary>
internal static class FleetConsole
{
    public static async Task<int> RunAsync(RunArguments run, TextWriter stdout, TextWriter stderr)
    {
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

        foreach (var warning in fleet.Warnings)
        {
            stderr.WriteLine($"fleet file warning: {warning}");
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
                ConformanceFault = run.ConformanceFault,
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
            NodeActivityKind.ZonesSubscribed => $"follows zones {(string.IsNullOrEmpty(a.Detail) ? "(none)" : a.Detail)}",
            NodeActivityKind.PlaybackStarted => $"playing {a.Detail}",
            NodeActivityKind.PlaybackPreempted => $"preempted {a.Detail}",
            NodeActivityKind.PlaybackFinished => $"finished {a.Detail}",
            NodeActivityKind.PlaybackRefused => $"refused {a.Detail}",
            NodeActivityKind.CommandHandled => $"command {a.Command?.Op} → {a.Command?.Status}{(a.Command?.Error is { } e ? $" ({e})" : "")}",
            _ => null,
        };
        if (line is not null)
        {
            stdout.WriteLine($"{Now()} {a.DeviceId,-24} {line}");
        }
    }

    private static string Now() => DateTimeOffset.Now.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
}
