using System.CommandLine;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MQTTnet;

namespace TanKy.Bench;

/// <summary>
/// <c>edge-flood [--idle 3000] [--hub path/tanky-hub.dll]</c>: the embedded broker's edge under
/// the attacks of issue #14, against the hub as a child process (its RSS and descriptors read
/// from /proc). Three phases, one JSON line each:
/// <list type="bullet">
/// <item><c>idle</c>: N unauthenticated idle sockets held open (from 127.0.0.2), then a device
/// logs in and <c>/health</c> is asked: login and answer latency, hub descriptors and RSS;</item>
/// <item><c>pre-connect</c>: 8 connections each send a 25 MB "CONNECT": hub RSS before, peak, after;</item>
/// <item><c>oversize</c>: 8 logged-in devices each send a 1 MB PUBLISH (limit 64 KiB): RSS before and peak.</item>
/// </list>
/// <c>--hub</c> runs another build of the hub (e.g. the one before the edge existed) for comparison.
/// </summary>
internal static class EdgeFlood
{
    private static readonly IPAddress Attacker = IPAddress.Parse("127.0.0.2");

    public static Command Command(BenchStart start)
    {
        var idle = BenchOptions.Int("--idle", 3000, "Unauthenticated idle sockets to hold open");
        var hubDll = new Option<string?>("--hub") { Description = "tanky-hub.dll to run (default: this benchmark's own build)" };
        var cmd = new Command("edge-flood", "Tấn công biên broker: socket treo, byte trước CONNECT, gói quá lớn / broker edge: idle sockets, bytes before CONNECT, oversized packets") { idle, hubDll };
        cmd.SetAction(r => start(cmd.Name, () => RunAsync(r.GetValue(idle), r.GetValue(hubDll))));
        return cmd;
    }

    private static async Task<int> RunAsync(int idleCount, string? hubDll)
    {
        using var commune = new BenchCommune(9, "edge");
        var devices = commune.Fleet.Devices;
        hubDll ??= Path.Combine(AppContext.BaseDirectory, "tanky-hub.dll");
        var hub = ChildProcess.Start("dotnet", [hubDll, "run", $"--Hub:DataDir={commune.DataDir}", "--Broker:Port=0", "--Http:Urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"]);
        await using (hub)
        {
            var listening = await hub.WaitListeningAsync(commune.DataDir, TimeSpan.FromSeconds(60));
            var port = listening.Mqtt!.Port;
            using var http = new HttpClient { BaseAddress = new Uri(listening.Http![0]), Timeout = TimeSpan.FromSeconds(60) };

            // Warm-up: the paths measured below are compiled before anything is timed.
            (await http.GetAsync(new Uri("/health", UriKind.Relative))).EnsureSuccessStatusCode();
            await LoginAsync(port, devices[0]);

            // Phase 1: idle sockets.
            var fdsBefore = Descriptors(hub.Pid);
            var rssBefore = hub.RssMiB();
            var sockets = new List<Socket>(idleCount);
            var opening = Stopwatch.StartNew();
            var refused = 0;
            for (var i = 0; i < idleCount; i++)
            {
                try
                {
                    sockets.Add(await OpenAsync(port, Attacker));
                }
                catch (SocketException)
                {
                    refused++;
                }
            }

            var opened = opening.Elapsed;
            var clock = Stopwatch.StartNew();
            var loginError = "";
            try
            {
                await LoginAsync(port, devices[1]);
            }
            catch (Exception e)
            {
                loginError = e.GetType().Name + ": " + e.Message;
            }

            var login = clock.Elapsed;
            var healthStatus = 0;
            try
            {
                healthStatus = (int)(await http.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            var answered = clock.Elapsed;
            var fdsDuring = Descriptors(hub.Pid);
            var rssDuring = hub.RssMiB();
            sockets.ForEach(s => s.Dispose());
            BenchOutput.Write("edge-flood", new
            {
                phase = "idle",
                hub = hubDll,
                idle_sockets = idleCount,
                idle_refused_at_connect = refused,
                open_s = Math.Round(opened.TotalSeconds, 2),
                login_ms = Math.Round(login.TotalMilliseconds, 1),
                login_error = loginError,
                health_status = healthStatus,
                health_ms = Math.Round((answered - login).TotalMilliseconds, 1),
                login_plus_health_ms = Math.Round(answered.TotalMilliseconds, 1),
                hub_fds_before = fdsBefore,
                hub_fds_during = fdsDuring,
                hub_rss_before_mib = Math.Round(rssBefore, 1),
                hub_rss_during_mib = Math.Round(rssDuring, 1),
            });

            // Phase 2: 8 × 25 MB before CONNECT.
            await Task.Delay(TimeSpan.FromSeconds(2)); // the idle sockets' closing settles
            rssBefore = hub.RssMiB();
            long kernelTook = 0;
            var (peak, after) = await PeakAsync(hub, () => Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
            {
                using var s = await OpenAsync(port, Attacker);
                using var stream = new NetworkStream(s);
                try
                {
                    await stream.WriteAsync(Header(0x10, 25 * 1024 * 1024));
                }
                catch (IOException)
                {
                }

                Interlocked.Add(ref kernelTook, await SendAsync(stream, 25L * 1024 * 1024));
            })));
            BenchOutput.Write("edge-flood", new
            {
                phase = "pre-connect",
                hub = hubDll,
                connections = 8,
                mb_each = 25,
                bytes_sent_total = kernelTook,
                hub_rss_before_mib = Math.Round(rssBefore, 1),
                hub_rss_peak_mib = Math.Round(peak, 1),
                hub_rss_after_mib = Math.Round(after, 1),
                hub_rss_peak_delta_mib = Math.Round(peak - rssBefore, 1),
                hub_alive = !hub.HasExited,
            });

            // Phase 3: 8 logged-in devices × 1 MB PUBLISH.
            rssBefore = hub.RssMiB();
            (peak, after) = await PeakAsync(hub, () => Task.WhenAll(devices.Skip(1).Take(8).Select(async d =>
            {
                using var s = await OpenAsync(port, IPAddress.Loopback);
                using var stream = new NetworkStream(s);
                await stream.WriteAsync(Connect(d.Id, d.Secret));
                var connAck = new byte[4];
                await stream.ReadExactlyAsync(connAck);
                var topic = Encoding.UTF8.GetBytes($"tanky/v1/tan-ky/dev/{d.Id}/telemetry");
                byte[] head = [.. Header(0x30, 1024 * 1024), (byte)(topic.Length >> 8), (byte)topic.Length, .. topic];
                await stream.WriteAsync(head);
                await SendAsync(stream, 1024 * 1024 - 2 - topic.Length);
            })));
            BenchOutput.Write("edge-flood", new
            {
                phase = "oversize",
                hub = hubDll,
                devices = 8,
                publish_bytes = 1024 * 1024,
                hub_rss_before_mib = Math.Round(rssBefore, 1),
                hub_rss_peak_mib = Math.Round(peak, 1),
                hub_rss_after_mib = Math.Round(after, 1),
                hub_rss_peak_delta_mib = Math.Round(peak - rssBefore, 1),
                hub_alive = !hub.HasExited,
            });
        }

        return 0;
    }

    private static async Task LoginAsync(int port, TanKy.DeviceSim.Fleet.FleetDevice device)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var result = await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port)
            .WithClientId(device.Id).WithCredentials(device.Id, device.Secret).WithTimeout(TimeSpan.FromSeconds(60)).Build());
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"login refused: {result.ResultCode}");
        }

        await client.DisconnectAsync();
    }

    private static async Task<(double Peak, double After)> PeakAsync(ChildProcess hub, Func<Task> attack)
    {
        var peak = hub.RssMiB();
        using var done = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested && !hub.HasExited)
            {
                peak = Math.Max(peak, hub.RssMiB());
                await Task.Delay(20);
            }
        });
        await attack();
        await Task.Delay(TimeSpan.FromSeconds(3)); // memory not given back shows here
        await done.CancelAsync();
        await sampler;
        return (Math.Max(peak, hub.HasExited ? 0 : hub.RssMiB()), hub.HasExited ? 0 : hub.RssMiB());
    }

    private static int Descriptors(int pid) => Directory.GetFiles($"/proc/{pid}/fd").Length;

    private static async Task<Socket> OpenAsync(int port, IPAddress from)
    {
        var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        s.Bind(new IPEndPoint(from, 0));
        await s.ConnectAsync(IPAddress.Loopback, port);
        return s;
    }

    private static async Task<long> SendAsync(Stream stream, long bytes)
    {
        var chunk = new byte[64 * 1024];
        long sent = 0;
        try
        {
            while (sent < bytes)
            {
                var n = (int)Math.Min(chunk.Length, bytes - sent);
                await stream.WriteAsync(chunk.AsMemory(0, n));
                sent += n;
            }
        }
        catch (IOException)
        {
        }

        return sent;
    }

    private static byte[] Header(byte first, int remaining)
    {
        var bytes = new List<byte> { first };
        do
        {
            var b = (byte)(remaining % 128);
            remaining /= 128;
            bytes.Add(remaining > 0 ? (byte)(b | 0x80) : b);
        }
        while (remaining > 0);
        return [.. bytes];
    }

    private static byte[] Connect(string id, string secret)
    {
        static byte[] Str(string s)
        {
            var b = Encoding.UTF8.GetBytes(s);
            return [(byte)(b.Length >> 8), (byte)b.Length, .. b];
        }

        byte[] body = [.. Str("MQTT"), 4, 0xC2, 0, 60, .. Str(id), .. Str(id), .. Str(secret)];
        return [.. Header(0x10, body.Length), .. body];
    }
}
