using TanKy.DeviceSim.Node;
using TanKy.Protocol;
using TanKy.Protocol.Messages;
using TanKy.Tests.Shared;

namespace TanKy.EndToEnd.Tests.Simulator;

public sealed class DesiredAndCommandTests
{
    private const string Dev = "dev/loa-khoi-1-a";
    private const string Reported = $"{MqttProbe.Root}/{Dev}/reported";
    private const string Reply = $"{MqttProbe.Root}/{Dev}/reply";

    [Fact]
    public async Task Desired_is_applied_and_reported_with_its_version_and_older_versions_are_ignored()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var probe = await MqttProbe.ConnectAsync(broker.Port);
        await using var node = await TestNodes.StartedAsync(TestNodes.Options(broker.Port));

        await probe.PublishAsync($"{Dev}/desired", """{"v":1,"version":5,"ts":1,"state":{"volume":40,"zones":["khoi-1"]}}""", retain: true);
        await node.WaitForDesiredAppliedAsync(5, Waits.Default);

        var reported = await probe.WaitForAsync(m => m.Topic == Reported);
        reported.Retained.Should().BeFalse("the probe was subscribed when it was published");
        var message = (ReportedStateMessage)PayloadValidator.Validate("tan-ky", reported.Topic, reported.Bytes).Message!;
        message.Version.Should().Be(5);
        message.State["volume"]!.GetValue<int>().Should().Be(40);
        node.AppliedVersion.Should().Be(5);

        var ignored = node.WaitForActivityAsync(a => a.Kind == NodeActivityKind.DesiredIgnored, Waits.Default);
        await probe.PublishAsync($"{Dev}/desired", """{"v":1,"version":3,"ts":2,"state":{"volume":90}}""", retain: true);
        (await ignored).Version.Should().Be(3);

        node.AppliedVersion.Should().Be(5);
        node.AppliedState["volume"]!.GetValue<int>().Should().Be(40);
        probe.Seen.Count(m => m.Topic == Reported).Should().Be(1);
    }

    [Fact]
    public async Task A_speaker_subscribes_to_the_play_topics_of_its_desired_zones_and_moves_with_them()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var probe = await MqttProbe.ConnectAsync(broker.Port);
        await using var node = await TestNodes.StartedAsync(TestNodes.Options(broker.Port));
        node.SubscribedZones.Should().BeEmpty("a speaker fresh from the factory knows no zone (issue #15: not from its fleet file)");

        await probe.PublishAsync($"{Dev}/desired", """{"v":1,"version":1,"state":{"zones":["xom-3","khoi-1"]}}""", retain: true);
        await node.WaitForZonesAsync(["khoi-1", "xom-3"], Waits.Default);

        await probe.PublishAsync($"{Dev}/desired", """{"v":1,"version":2,"state":{"zones":["xom-3"]}}""", retain: true);
        await node.WaitForZonesAsync(["xom-3"], Waits.Default);
        node.Zones.Should().Equal("xom-3");

        // A new connection is a clean session: the speaker subscribes again to what it applied (kept like flash).
        var again = node.WaitForActivityAsync(a => a.Kind == NodeActivityKind.ZonesSubscribed, Waits.Default);
        var back = node.WaitForActivityAsync(a => a.Kind == NodeActivityKind.Connected, Waits.Default);
        node.SeverLink();
        (await again).Detail.Should().Be("xom-3", "it subscribes before its birth, as §2.3 orders");
        await back;
        node.ConnectCount.Should().Be(2);
    }

    [Fact]
    public async Task Applied_state_survives_a_reconnect_and_the_retained_desired_is_not_applied_twice()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var probe = await MqttProbe.ConnectAsync(broker.Port);
        await using var node = await TestNodes.StartedAsync(TestNodes.Options(broker.Port));
        await probe.PublishAsync($"{Dev}/desired", """{"v":1,"version":7,"state":{"volume":55}}""", retain: true);
        await node.WaitForDesiredAppliedAsync(7, Waits.Default);

        // On reconnect the broker delivers the retained desired again: same version, ignored.
        var ignored = node.WaitForActivityAsync(a => a.Kind == NodeActivityKind.DesiredIgnored, Waits.Default);
        var back = node.WaitForActivityAsync(a => a.Kind == NodeActivityKind.Connected, Waits.Default);
        node.SeverLink();
        (await ignored).Version.Should().Be(7);
        await back;
        node.AppliedVersion.Should().Be(7);
        node.ConnectCount.Should().Be(2);
    }

    [Fact]
    public async Task Invalid_desired_payload_is_dropped()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var probe = await MqttProbe.ConnectAsync(broker.Port);
        await using var node = await TestNodes.StartedAsync(TestNodes.Options(broker.Port));

        var rejected = node.WaitForActivityAsync(a => a.Kind == NodeActivityKind.MessageRejected, Waits.Default);
        await probe.PublishAsync($"{Dev}/desired", """{"v":2,"version":9,"state":{}}""");

        (await rejected).Detail.Should().Contain("version");
        node.AppliedVersion.Should().BeNull();
    }

    [Fact]
    public async Task Ping_answers_ok_with_the_device_time()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var probe = await MqttProbe.ConnectAsync(broker.Port);
        await using var node = await TestNodes.StartedAsync(TestNodes.Options(broker.Port));

        await probe.PublishAsync($"{Dev}/cmd", $$"""{"v":1,"id":"c-1","op":"ping","args":{},"expires":{{Future()}}}""");

        var outcome = await node.WaitForCommandAsync("c-1", Waits.Default);
        outcome.Status.Should().Be("ok");
        var reply = Parse(await probe.WaitForAsync(m => m.Topic == Reply && m.Payload.Contains("c-1", StringComparison.Ordinal)));
        reply.Status.Should().Be("ok");
        reply.Error.Should().BeNull();
        reply.Data!["ts"]!.GetValue<long>().Should().BePositive();
    }

    [Theory]
    [InlineData("dance", false, "unknown op 'dance'")]
    [InlineData("ping", true, "expired")]
    public async Task Unknown_and_expired_commands_answer_an_error(string op, bool expired, string error)
    {
        await using var broker = await TestBroker.StartAsync();
        await using var probe = await MqttProbe.ConnectAsync(broker.Port);
        await using var node = await TestNodes.StartedAsync(TestNodes.Options(broker.Port));
        var expires = expired ? DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds() : Future();

        await probe.PublishAsync($"{Dev}/cmd", $$"""{"v":1,"id":"c-2","op":"{{op}}","expires":{{expires}}}""");

        var reply = Parse(await probe.WaitForAsync(m => m.Topic == Reply));
        reply.Id.Should().Be("c-2");
        reply.Status.Should().Be("error");
        reply.Error.Should().Be(error);
    }

    [Fact]
    public async Task Reboot_replies_ok_then_goes_offline_and_returns_with_a_new_boot_id()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var probe = await MqttProbe.ConnectAsync(broker.Port);
        await using var node = await TestNodes.StartedAsync(TestNodes.Options(broker.Port));
        var firstBoot = node.BootId;
        var state = $"{MqttProbe.Root}/{Dev}/state";

        var back = node.WaitForActivityAsync(a => a.Kind == NodeActivityKind.Connected, Waits.Default);
        await probe.PublishAsync($"{Dev}/cmd", $$"""{"v":1,"id":"r-1","op":"reboot","expires":{{Future()}}}""");
        var connected = await back;

        Parse(await probe.WaitForAsync(m => m.Topic == Reply)).Status.Should().Be("ok");
        connected.BootId.Should().NotBe(firstBoot);
        await probe.WaitForAsync(m => m.Topic == state && m.Payload.Contains(connected.BootId, StringComparison.Ordinal));
        var states = probe.Seen.Where(m => m.Topic == state).Select(m => m.Json["status"]!.GetValue<string>()).ToList();
        states.Should().Equal("online", "offline", "online");
        (await broker.WaitForLogAsync(l => l.StartsWith("disconnect loa-khoi-1-a", StringComparison.Ordinal))).Should().EndWith("Clean");
    }

    private static long Future() => DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeMilliseconds();

    private static ReplyMessage Parse(ProbeMessage m)
    {
        var validated = PayloadValidator.Validate("tan-ky", m.Topic, m.Bytes);
        validated.IsValid.Should().BeTrue(validated.Reason);
        return (ReplyMessage)validated.Message!;
    }
}
