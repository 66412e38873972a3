using System.CommandLine;
using System.Diagnostics;
using Dapper;
using TanKy.DeviceSim.Fleet;
using TanKy.Hub.Tests.Support;

namespace TanKy.Bench;

/// <summary>
/// <c>reconnect-storm [--copies 10] [--stop term|kill] [--settle 65] [--timeout 60]</c>: the sample
/// fleet ×N online on the embedded broker for <c>--settle</c> seconds (devices reset their backoff
/// after 60 s up, protocol.md §2.4); the hub (and so its broker) stops — SIGTERM, or SIGKILL as on a
/// power cut; while it is down every device gets a new desired state; the hub starts again.
/// Measures from the restart until every device is online at the hub and until every device has
/// applied (nodes) and reported (hub's database) its new desired version. Goal: ≤ 15 s, zero lost.
/// </summary>
internal static class ReconnectStorm
{
    public static Command Command(BenchStart start)
    {
        var copies = BenchOptions.Int("--copies", 10, "Copies of the sample fleet");
        var stop = BenchOptions.Choice("--stop", "term", "How the hub stops: SIGTERM, or SIGKILL as on a power cut", "term", "kill");
        var timeout = BenchOptions.Int("--timeout", 60, "Seconds to wait for each phase");
        var settle = BenchOptions.Int("--settle", 65, "Seconds online before the hub stops (backoff resets after 60 s)", min: 0);
        var cmd = new Command("reconnect-storm", "Hub khởi động lại: cả đội kết nối lại / the hub restarts and the whole fleet reconnects") { copies, stop, timeout, settle };
        cmd.SetAction(r => start(cmd.Name, () => RunAsync(r.GetValue(copies), r.GetValue(stop)!, TimeSpan.FromSeconds(r.GetValue(timeout)), TimeSpan.FromSeconds(r.GetValue(settle)))));
        return cmd;
    }

    private static async Task<int> RunAsync(int copies, string stop, TimeSpan timeout, TimeSpan settle)
    {
        ThreadPool.SetMinThreads(128, 128); // hundreds of nodes' reconnect handshakes in one process

        using var fleet = SampleFleet.Create(copies, "storm");
        string[] HubArgs(int mqttPort) =>
        [
            $"--Hub:DataDir={fleet.DataDir}", $"--Broker:Port={mqttPort}", "--Http:Urls=http://127.0.0.1:0",
            "--Logging:LogLevel:Default=Warning", $"--Broker:MaxConnections={fleet.Devices + 100}",
        ];
        var hub = ChildProcess.StartHub(HubArgs(0));
        var listening = await hub.WaitListeningAsync(fleet.DataDir, timeout);
        var mqttPort = listening.Mqtt!.Port;
        var http = new HttpClient { BaseAddress = new Uri(listening.Http![0]) };
        await using var runner = new FleetRunner(fleet.Fleet, new FleetRunOptions { Port = mqttPort, StartAllAtOnce = true, TelemetryInterval = TimeSpan.FromSeconds(30) });
        try
        {
            await WaitOnlineAsync(http, 0, timeout); // the hub is up
            await runner.StartAsync();
            var firstConnect = await WaitOnlineAsync(http, fleet.Devices, timeout);
            await Task.Delay(settle);
            var down = Stopwatch.StartNew();

            if (stop == "kill")
            {
                await hub.KillAsync();
            }

            await hub.DisposeAsync();
            var expected = SampleCommune.StoreDesiredWhileDown(fleet.Db, round: 1);

            var restart = Stopwatch.StartNew();
            var downBeforeRestart = down.Elapsed.TotalSeconds;
            // The devices know one broker port: the restart binds the port the first hub got, given
            // explicitly (ours, released by the stop just before). Its HTTP port is the OS's choice
            // again, read from listen.json below without holding up the measuring loop.
            hub = ChildProcess.StartHub(HubArgs(mqttPort));
            http.Dispose();
            http = null;
            double? hubReady = null, allOnline = null, allConnected = null, allReported = null, allApplied = null;
            int online = 0, reported = 0, applied = 0;
            while (restart.Elapsed < timeout && (allOnline is null || allConnected is null || allReported is null || allApplied is null))
            {
                http ??= hub.Listening(fleet.DataDir) is { } restarted ? new HttpClient { BaseAddress = new Uri(restarted.Http![0]) } : null;
                online = http is null ? -1 : await ChildProcess.OnlineAsync(http);
                hubReady ??= online >= 0 ? restart.Elapsed.TotalSeconds : null;
                reported = Reported(fleet, expected);
                applied = runner.Nodes.Count(n => n.AppliedVersion == expected[n.DeviceId]);
                allOnline ??= online >= fleet.Devices ? restart.Elapsed.TotalSeconds : null;
                allConnected ??= runner.OnlineCount == fleet.Devices ? restart.Elapsed.TotalSeconds : null;
                allReported ??= reported == fleet.Devices ? restart.Elapsed.TotalSeconds : null;
                allApplied ??= applied == fleet.Devices ? restart.Elapsed.TotalSeconds : null;
                await Task.Delay(100);
            }

            var converged = Math.Max(allReported ?? double.NaN, allApplied ?? double.NaN);
            var result = new
            {
                devices = fleet.Devices,
                copies_of_sample_fleet = copies,
                stop,
                first_connect_storm_seconds = Math.Round(firstConnect, 2),
                seconds_down_before_restart = Math.Round(downBeforeRestart, 2),
                seconds_until_hub_answers = Round(hubReady),
                // A restarted hub starts from the statuses stored before it stopped, so its online
                // count looks complete at once; the devices' own connections and the applied and
                // reported desired versions are what show the storm.
                seconds_until_all_online_at_hub = Round(allOnline),
                seconds_until_all_devices_connected = Round(allConnected),
                seconds_until_all_applied_on_devices = Round(allApplied),
                seconds_until_all_reported_at_hub = Round(allReported),
                online_at_end = online,
                lost_desired_state = fleet.Devices - Math.Min(reported, applied),
                hub_peak_rss_mib = Math.Round(hub.PeakRssMiB(), 1),
                goal = "all online and desired state converged in <= 15 s after the restart, zero lost",
                goal_met = !double.IsNaN(converged) && allConnected is not null && Math.Max(converged, allConnected.Value) <= 15,
            };
            BenchOutput.Write("reconnect-storm", result);
            await runner.StopAsync();
            return result.goal_met ? 0 : 1;
        }
        finally
        {
            http?.Dispose();
            await hub.DisposeAsync();
        }
    }

    private static double? Round(double? seconds) => seconds is { } s ? Math.Round(s, 2) : null;

    /// <summary>Devices whose reported version, as the hub stored it, has reached the expected desired version.</summary>
    private static int Reported(SampleFleet fleet, Dictionary<string, long> expected)
    {
        using var c = fleet.Db.Open();
        return c.Query<(string Id, long Version)>("SELECT device_id, version FROM reported_state")
            .Count(r => expected.TryGetValue(r.Id, out var v) && r.Version >= v);
    }

    /// <summary>Seconds until the hub answers with at least <paramref name="devices"/> online (NaN on timeout).</summary>
    private static async Task<double> WaitOnlineAsync(HttpClient http, int devices, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (await ChildProcess.OnlineAsync(http) >= devices)
            {
                return clock.Elapsed.TotalSeconds;
            }

            await Task.Delay(100);
        }

        return double.NaN;
    }
}
