using System.Net.Security;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using TanKy.Hub.Broker;
using TanKy.Hub.Tests.Support;
using static TanKy.Hub.Tests.Broker.DevicePayloads;

namespace TanKy.Hub.Tests.Broker;

/// <summary>
/// The embedded broker's edge (EdgeTcpServerAdapter): connections waiting for CONNECT are counted
/// and capped, have a deadline and a byte budget, and every packet's size is checked from its fixed
/// header, before MQTTnet reads (and allocates) the body. Real broker, real sockets on 127.0.0.1.
/// </summary>
public sealed class BrokerEdge_Tests
{
    [Fact]
    public void Frame_guard_refuses_a_first_packet_that_is_not_a_connect()
    {
        var guard = new MqttFrameGuard(65536, 8192);

        guard.Inspect("GET / HTTP/1.1\r\n"u8).Should().BeFalse();
        guard.Refusal.Should().Contain("not CONNECT");
    }

    [Fact]
    public void Frame_guard_refuses_an_oversized_connect_at_its_header_even_split_across_reads()
    {
        var guard = new MqttFrameGuard(65536, 8192);
        var header = RawMqtt.Header(0x10, 25 * 1024 * 1024);

        guard.Inspect(header.AsSpan(0, 2)).Should().BeTrue("the remaining length is not complete yet");
        guard.Inspect(header.AsSpan(2)).Should().BeFalse("the header announces 25 MB before CONNECT was accepted");
        guard.RefusedOversize.Should().BeFalse("this is a refusal before CONNECT, counted apart");
    }

    [Fact]
    public void Frame_guard_bounds_the_bytes_before_connect_is_accepted()
    {
        var guard = new MqttFrameGuard(65536, 100);
        var connect = RawMqtt.Connect("dev-a", "dev-a", "secret-a");
        guard.Inspect(connect).Should().BeTrue();

        // More bytes while the broker has not accepted the CONNECT yet: over the budget.
        guard.Inspect(new byte[100]).Should().BeFalse();
        guard.Refusal.Should().Contain("before CONNECT");
    }

    [Theory]
    [InlineData(0x30)] // PUBLISH
    [InlineData(0x82)] // SUBSCRIBE
    [InlineData(0xA2)] // UNSUBSCRIBE
    [InlineData(0x62)] // PUBREL
    public void Frame_guard_refuses_any_packet_type_over_the_limit_from_its_header_after_connect(byte first)
    {
        var guard = new MqttFrameGuard(1024, 8192);
        guard.Inspect(RawMqtt.Connect("dev-a", "dev-a", "secret-a")).Should().BeTrue();
        guard.ConnectAccepted();

        guard.Inspect(RawMqtt.Header(first, 1021)).Should().BeTrue("1 + 2 + 1021 = 1024 bytes is exactly the limit");
        guard.Inspect(new byte[1021]).Should().BeTrue();
        guard.Inspect(RawMqtt.Header(first, 1022)).Should().BeFalse("1025 bytes is one too many");
        guard.RefusedOversize.Should().BeTrue();
    }

    [Fact]
    public void Frame_guard_follows_packets_split_and_joined_anywhere()
    {
        var guard = new MqttFrameGuard(1024, 8192);
        guard.Inspect(RawMqtt.Connect("dev-a", "dev-a", "secret-a")).Should().BeTrue();
        guard.ConnectAccepted();
        byte[] stream = [.. RawMqtt.PublishHeader("t", 3 + 500), .. new byte[500], .. RawMqtt.Header(0xC0, 0), .. RawMqtt.PublishHeader("t", 3 + 900), .. new byte[900]];

        foreach (var piece in stream.Chunk(7))
        {
            guard.Inspect(piece).Should().BeTrue();
        }

        // Had it lost track of a boundary, this header would be read as body (or body as a header).
        guard.Inspect(RawMqtt.Header(0x30, 5000)).Should().BeFalse();
    }

    [Fact]
    public async Task Idle_sockets_beyond_MaxPendingConnections_are_closed_oldest_first_and_a_device_still_logs_in()
    {
        const int max = 20;
        await using var broker = await EmbeddedBrokerHarness.StartAsync(o => o.MaxPendingConnections = max);
        var idle = new List<Socket>();
        try
        {
            for (var i = 0; i < 3 * max; i++)
            {
                idle.Add(await RawMqtt.OpenAsync(broker.Port));
            }

            await WaitUntilAsync(() => broker.Broker.Edge.Evicted >= 2 * max);
            broker.Broker.Edge.Pending.Should().BeLessThanOrEqualTo(max);

            // The oldest were closed, the newest still wait.
            using (var oldest = new NetworkStream(idle[0]))
            {
                (await RawMqtt.ClosedByPeerAsync(oldest)).Should().BeTrue();
            }

            using (var newest = new NetworkStream(idle[^1]))
            {
                (await RawMqtt.ClosedByPeerAsync(newest, TimeSpan.FromMilliseconds(200))).Should().BeFalse();
            }

            await using var device = await TestMqttClient.ConnectAsync(broker.Port, "dev-a", "dev-a", "secret-a");
            (await device.PublishAsync(Topic("event"), Event)).IsSuccess.Should().BeTrue();
            broker.Logs.All.Should().Contain("connections already waiting for CONNECT");
        }
        finally
        {
            idle.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task An_idle_socket_is_closed_when_ConnectTimeout_passes_and_a_logged_in_device_is_not()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var broker = await EmbeddedBrokerHarness.StartAsync(o => o.ConnectTimeout = TimeSpan.FromSeconds(5), time: time);
        await using var device = await TestMqttClient.ConnectAsync(broker.Port, "dev-a", "dev-a", "secret-a");
        using var idle = await RawMqtt.OpenAsync(broker.Port);
        using var idleStream = new NetworkStream(idle);
        await WaitUntilAsync(() => broker.Broker.Edge.Pending == 1);

        time.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromMilliseconds(1));
        broker.Broker.Edge.TimedOut.Should().Be(0);
        time.Advance(TimeSpan.FromMilliseconds(1));

        (await RawMqtt.ClosedByPeerAsync(idleStream)).Should().BeTrue();
        broker.Broker.Edge.TimedOut.Should().Be(1);
        broker.Broker.Edge.Pending.Should().Be(0);
        device.Client.IsConnected.Should().BeTrue("its CONNECT was accepted in time: the deadline no longer applies");
        (await device.PublishAsync(Topic("event"), Event)).IsSuccess.Should().BeTrue();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Bytes_before_connect_are_refused_at_the_header(bool claimsConnect)
    {
        await using var broker = await EmbeddedBrokerHarness.StartAsync();
        using var socket = await RawMqtt.OpenAsync(broker.Port);
        using var stream = new NetworkStream(socket);

        // A CONNECT announcing 25 MB, or something that is not MQTT at all; then 25 MB.
        await stream.WriteAsync(claimsConnect ? RawMqtt.Header(0x10, 25 * 1024 * 1024) : "GET / HTTP/1.1\r\n"u8.ToArray());
        await RawMqtt.SendUntilClosedAsync(stream, 25L * 1024 * 1024);

        (await RawMqtt.ClosedByPeerAsync(stream)).Should().BeTrue();
        broker.Broker.Edge.RefusedBeforeConnect.Should().Be(1);
        broker.Broker.Edge.Pending.Should().Be(0);
    }

    [Fact]
    public async Task A_publish_over_MaxPacketSize_after_login_is_refused_at_its_header()
    {
        await using var broker = await EmbeddedBrokerHarness.StartAsync();
        using var socket = await RawMqtt.OpenAsync(broker.Port);
        using var stream = new NetworkStream(socket);
        (await RawMqtt.LoginAsync(stream, "dev-a", "dev-a", "secret-a")).Should().Be(0);

        await stream.WriteAsync(RawMqtt.PublishHeader(Topic("event"), 1024 * 1024));
        await RawMqtt.SendUntilClosedAsync(stream, 1024 * 1024);

        (await RawMqtt.ClosedByPeerAsync(stream)).Should().BeTrue();
        broker.Broker.Edge.RefusedOversize.Should().Be(1);
        broker.Metrics.Rejected(TanKy.Protocol.ProtocolError.TooLarge).Should().Be(1, "/metrics counts it as before");
        broker.Logs.All.Should().Contain("exceeds the 65536-byte packet limit");
    }

    [Fact]
    public async Task An_oversized_subscribe_is_refused_and_a_normal_one_still_works()
    {
        await using var broker = await EmbeddedBrokerHarness.StartAsync();
        using var socket = await RawMqtt.OpenAsync(broker.Port);
        using var stream = new NetworkStream(socket);
        (await RawMqtt.LoginAsync(stream, "dev-a", "dev-a", "secret-a")).Should().Be(0);

        // 1,000 filters of ~100 bytes: a ~100 KB SUBSCRIBE against the 64 KiB limit.
        var filters = Enumerable.Range(0, 1000).Select(i => Topic($"cmd/{i:D4}/{new string('x', 80)}"));
        await stream.WriteAsync(RawMqtt.Subscribe(filters));

        (await RawMqtt.ClosedByPeerAsync(stream)).Should().BeTrue();
        broker.Broker.Edge.RefusedOversize.Should().Be(1);

        await using var device = await TestMqttClient.ConnectAsync(broker.Port, "dev-a", "dev-a", "secret-a");
        (await device.SubscribeAsync(Topic("cmd"))).Should().Be(MQTTnet.MqttClientSubscribeResultCode.GrantedQoS1);
        broker.Broker.Edge.RefusedOversize.Should().Be(1);
    }

    [Fact]
    public async Task The_tls_listener_applies_the_same_limits()
    {
        using var dir = new TempDataDir();
        using var certs = new TestCertificates(dir.Path);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var broker = await EmbeddedBrokerHarness.StartAsync(o =>
        {
            o.MaxPendingConnections = 2;
            o.Tls = new BrokerTlsOptions { Enabled = true, Port = 0, CertificateFile = certs.PfxFile, CertificatePassword = TestCertificates.PfxPassword };
        }, time: time);
        var tlsPort = broker.Broker.TlsPort;

        // A TLS client that never starts its handshake is pending, and meets the deadline.
        using (var silent = await RawMqtt.OpenAsync(tlsPort))
        using (var silentStream = new NetworkStream(silent))
        {
            await WaitUntilAsync(() => broker.Broker.Edge.Pending == 1);
            time.Advance(broker.Options.ConnectTimeout);
            (await RawMqtt.ClosedByPeerAsync(silentStream)).Should().BeTrue();
            broker.Broker.Edge.TimedOut.Should().Be(1);
        }

        // Handshakes in progress count against the same cap: the oldest goes first.
        var waiting = new List<Socket>();
        for (var i = 0; i < 3; i++)
        {
            waiting.Add(await RawMqtt.OpenAsync(tlsPort));
        }

        await WaitUntilAsync(() => broker.Broker.Edge.Evicted == 1);
        waiting.ForEach(s => s.Dispose());

        // Inside TLS: a device logs in, then announces a 1 MB PUBLISH and is closed at the header.
        using var socket = await RawMqtt.OpenAsync(tlsPort);
        await using var tls = new SslStream(new NetworkStream(socket), false, (_, presented, _, _) => presented?.GetCertHashString() == certs.Certificate.GetCertHashString());
        await tls.AuthenticateAsClientAsync("tanky-test");
        (await RawMqtt.LoginAsync(tls, "dev-a", "dev-a", "secret-a")).Should().Be(0);
        await tls.WriteAsync(RawMqtt.PublishHeader(Topic("event"), 1024 * 1024));
        await tls.FlushAsync();
        (await RawMqtt.ClosedByPeerAsync(tls)).Should().BeTrue();
        broker.Broker.Edge.RefusedOversize.Should().Be(1);
    }

    [Fact]
    public void Pending_connections_evict_the_oldest_when_full_and_forget_settled_ones()
    {
        var pending = new PendingConnections(2);
        var (a, b, c) = (Idle(), Idle(), Idle());

        pending.Admit(a).Should().BeNull();
        pending.Admit(b).Should().BeNull();
        pending.Settle(a).Should().BeTrue();
        pending.Admit(c).Should().BeNull("a settled: room for c");
        pending.Admit(Idle()).Should().BeSameAs(b, "b is now the oldest waiting");
        pending.Count.Should().Be(2);
        pending.Settle(b).Should().BeFalse("an evicted connection is no longer counted");

        static EdgeConnection Idle() => new(new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp), new MqttFrameGuard(1024, 1024));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(TestMqttClient.Timeout);
        while (!condition())
        {
            await Task.Delay(10, cts.Token);
        }
    }
}
