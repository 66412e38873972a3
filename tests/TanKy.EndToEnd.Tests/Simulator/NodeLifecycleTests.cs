using System.Text.RegularExpressions;
using TanKy.DeviceSim.Node;
using TanKy.Protocol;
using TanKy.Protocol.Messages;
using TanKy.Tests.Shared;

namespace TanKy.EndToEnd.Tests.Simulator;

public sealed class NodeLifecycleTests
{
    private const string StateTopic = $"{MqttProbe.Root}/dev/loa-khoi-1-a/state";

    [Theory]
    [InlineData(DeviceKind.Speaker, "speaker", new[] { "opus", "tone", "chime", "cache" })]
    [InlineData(DeviceKind.WifiAp, "wifi-ap", new[] { "hours", "ssid", "limits" })]
    [InlineData(DeviceKind.Camera, "camera", new[] { "snapshot", "power" })]
    [InlineData(DeviceKind.LedBoard, "led-board", new[] { "text", "schedule" })]
    public async Task Birth_is_retained_with_kind_boot_and_caps(DeviceKind kind, string wire, string[] caps)
    {
        await using var broker = await TestBroker.StartAsync();
        await using var node = await TestNodes.StartedAsync(TestNodes.Options(broker.Port, kind: kind));

        // A probe that subscribes after the birth only gets it because it is retained.
        await using var probe = await MqttProbe.ConnectAsync(broker.Port);
        var birth = await probe.WaitForAsync(m => m.Topic == StateTopic);

        birth.Retained.Should().BeTrue();
        var validated = PayloadValidator.Validate("tan-ky", birth.Topic, birth.Bytes);
        validated.IsValid.Should().BeTrue(validated.Reason);
        var state = (DeviceStateMessage)validated.Message!;
        state.Status.Should().Be("online");
        state.Kind.Should().Be(wire);
        state.Fw.Should().Be("sim-1.0.0");
        state.Boot.Should().Be(node.BootId).And.MatchRegex("^[0-9a-f]{16}$");
        state.Caps.Should().Equal(caps);
        state.Interval.Should().Be(600);
        state.Ts.Should().BePositive();
    }

    [Fact]
    public async Task Clean_stop_publishes_offline_before_disconnect()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var probe = await MqttProbe.ConnectAsync(broker.Port);
        var node = await TestNodes.StartedAsync(TestNodes.Options(broker.Port));

        await node.StopAsync();

        await broker.WaitForLogAsync(l => l.StartsWith("disconnect loa-khoi-1-a", StringComparison.Ordinal));
        var log = broker.Log.Where(l => l.Contains("loa-khoi-1-a", StringComparison.Ordinal)).ToList();
        var offline = log.FindIndex(l => l.StartsWith($"publish loa-khoi-1-a {StateTopic} ", StringComparison.Ordinal) && l.Contains("\"offline\"", StringComparison.Ordinal));
        var disconnect = log.FindIndex(l => l.StartsWith("disconnect loa-khoi-1-a", StringComparison.Ordinal));
        offline.Should().BeGreaterThan(-1, "the node publishes its own offline state");
        disconnect.Should().BeGreaterThan(offline);
        log[disconnect].Should().EndWith("Clean");

        var last = await probe.WaitForAsync(m => m.Topic == StateTopic && m.Payload.Contains("offline", StringComparison.Ordinal));
        last.Json["ts"]!.GetValue<long>().Should().BePositive("a clean offline carries ts; the will does not");
        node.Status.Should().Be(NodeStatus.Stopped);
        node.IsConnected.Should().BeFalse();
        await node.DisposeAsync();
    }

    [Fact]
    public async Task Kill_resets_the_connection_so_the_broker_publishes_the_will()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var probe = await MqttProbe.ConnectAsync(broker.Port);
        await using var node = await TestNodes.StartedAsync(TestNodes.Options(broker.Port));
        await probe.WaitForAsync(m => m.Topic == StateTopic && m.Payload.Contains("online", StringComparison.Ordinal));

        node.Kill();

        var will = await probe.WaitForAsync(m => m.Topic == StateTopic && m.Payload.Contains("offline", StringComparison.Ordinal));
        will.Payload.Should().Be("""{"v":1,"status":"offline"}""", "this is the will, not a message from the node");
        var disconnect = await broker.WaitForLogAsync(l => l.StartsWith("disconnect loa-khoi-1-a", StringComparison.Ordinal));
        disconnect.Should().EndWith("NotClean");
        // The broker logs the will under the node's client id too; the node's own offline would carry ts.
        broker.Log.Where(l => l.StartsWith($"publish loa-khoi-1-a {StateTopic}", StringComparison.Ordinal) && l.Contains("offline", StringComparison.Ordinal))
            .Should().Equal($$"""publish loa-khoi-1-a {{StateTopic}} {"v":1,"status":"offline"}""");
        node.Status.Should().Be(NodeStatus.Killed);
    }

    [Fact]
    public async Task Killed_node_with_power_back_boots_again_with_a_new_boot_id()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var probe = await MqttProbe.ConnectAsync(broker.Port);
        await using var node = await TestNodes.StartedAsync(TestNodes.Options(broker.Port));
        var firstBoot = node.BootId;

        var back = node.WaitForActivityAsync(a => a.Kind == NodeActivityKind.Connected, Waits.Default);
        node.Kill(powerBackAfter: TimeSpan.FromMilliseconds(100));
        var connected = await back;

        connected.BootId.Should().NotBe(firstBoot);
        await probe.WaitForAsync(m => m.Topic == StateTopic && m.Payload.Contains(connected.BootId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reconnects_with_backoff_after_the_broker_restarts_keeping_its_boot()
    {
        var broker = await TestBroker.StartAsync();
        var port = broker.Port;
        await using var node = await TestNodes.StartedAsync(TestNodes.Options(port));
        var boot = node.BootId;

        var lost = node.WaitUntilDisconnectedAsync(Waits.Default);
        await broker.DisposeAsync();
        await lost;
        // While the broker is down the node keeps trying: wait for a failed attempt, not for time.
        await node.WaitForActivityAsync(a => a.Kind == NodeActivityKind.ConnectFailed, Waits.Default);

        // The same port, the only one the node knows: the OS gave it to the first broker, whose stop
        // released it just now; should another process be handed it in this instant, the restart
        // fails loudly instead of the test passing wrongly.
        await using var restarted = await TestBroker.StartAsync(port);
        await using var probe = await MqttProbe.ConnectAsync(port);
        await node.WaitUntilConnectedAsync(Waits.Default);

        node.ConnectCount.Should().Be(2);
        node.BootId.Should().Be(boot, "a reconnect is not a reboot");
        var birth = await probe.WaitForAsync(m => m.Topic == StateTopic);
        birth.Json["boot"]!.GetValue<string>().Should().Be(boot);
    }

    [Fact]
    public async Task Random_link_losses_publish_the_will_and_the_node_comes_back()
    {
        await using var broker = await TestBroker.StartAsync();
        var options = TestNodes.Options(broker.Port) with { Faults = new FaultOptions { DisconnectMeanInterval = TimeSpan.FromMilliseconds(200) } };
        await using var node = await TestNodes.StartedAsync(options);

        await node.WaitForActivityAsync(a => a.Kind == NodeActivityKind.Disconnected, Waits.Default);
        await node.WaitForActivityAsync(a => a.Kind == NodeActivityKind.Connected, Waits.Default);

        node.ConnectCount.Should().BeGreaterThanOrEqualTo(2);
        await broker.WaitForLogAsync(l => l == "disconnect loa-khoi-1-a NotClean");
    }

    [Fact]
    public async Task Link_proxy_cut_publishes_the_will_and_restore_lets_the_node_back()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var probe = await MqttProbe.ConnectAsync(broker.Port);
        var options = TestNodes.Options(broker.Port) with { Faults = new FaultOptions { UseLinkProxy = true } };
        await using var node = await TestNodes.StartedAsync(options);
        node.Link.Should().NotBeNull();

        var lost = node.WaitUntilDisconnectedAsync(Waits.Default);
        node.Link!.Cut();
        await lost;
        await probe.WaitForAsync(m => m.Topic == StateTopic && m.Payload == """{"v":1,"status":"offline"}""");
        await node.WaitForActivityAsync(a => a.Kind == NodeActivityKind.ConnectFailed, Waits.Default);

        node.Link.Restore();
        await node.WaitUntilConnectedAsync(Waits.Default);
        node.ConnectCount.Should().Be(2);
    }

    [Fact]
    public async Task Telemetry_seq_grows_by_one_and_validates()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var probe = await MqttProbe.ConnectAsync(broker.Port);
        var options = TestNodes.Options(broker.Port, id: "wifi-khoi-1", kind: DeviceKind.WifiAp, telemetry: TimeSpan.FromMilliseconds(50));
        await using var node = await TestNodes.StartedAsync(options);

        await node.WaitForTelemetryAsync(3, Waits.Default);
        await probe.WaitForAsync(m => m.Topic.EndsWith("/telemetry", StringComparison.Ordinal) && m.Json["seq"]!.GetValue<long>() == 3);

        var messages = probe.Seen.Where(m => m.Topic == $"{MqttProbe.Root}/dev/wifi-khoi-1/telemetry").ToList();
        messages.Should().OnlyContain(m => !m.Retained);
        var telemetry = messages.Select(m => PayloadValidator.Validate("tan-ky", m.Topic, m.Bytes)).ToList();
        telemetry.Should().OnlyContain(v => v.IsValid);
        var typed = telemetry.Select(v => (TelemetryMessage)v.Message!).ToList();
        typed.Select(t => t.Seq).Take(4).Should().Equal(0, 1, 2, 3);
        typed[0].Interval.Should().Be(1, "sub-second intervals are announced as the 1 s minimum");
        typed[0].Metrics!.Keys.Should().BeEquivalentTo("clients", "rx_bytes", "tx_bytes", "uplink_rssi", "ap_open", "uplink_quality_pct");
        typed[0].Metrics!.Keys.Should().OnlyContain(k => Regex.IsMatch(k, "^[a-z0-9_.]{1,32}$"));
    }
}
