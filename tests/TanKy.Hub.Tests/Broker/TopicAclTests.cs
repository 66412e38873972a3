using TanKy.Hub.Broker;

namespace TanKy.Hub.Tests.Broker;

public sealed class TopicAclTests
{
    private const string Root = "tanky/v1/tan-ky";
    private static readonly TopicAcl Acl = new("tan-ky");
    private static readonly MqttIdentity DevA = MqttIdentity.Device("dev-a", ["z1", "z2"]);

    [Theory]
    [InlineData("state")]
    [InlineData("telemetry")]
    [InlineData("reported")]
    [InlineData("reply")]
    [InlineData("event")]
    [InlineData("time")]
    public void Device_publishes_its_own_device_topics(string leaf) =>
        Acl.CanPublish(DevA, $"{Root}/dev/dev-a/{leaf}").Should().BeTrue();

    [Theory]
    [InlineData(Root + "/dev/dev-b/state", "another device's topic")]
    [InlineData(Root + "/dev/dev-b/telemetry", "another device's telemetry")]
    [InlineData(Root + "/dev/dev-a/desired", "desired state is the hub's")]
    [InlineData(Root + "/dev/dev-a/cmd", "commands are the hub's")]
    [InlineData(Root + "/dev/dev-a/time/reply", "time replies are the hub's")]
    [InlineData(Root + "/zone/z1/play", "play orders are the hub's")]
    [InlineData(Root + "/stream/s1", "audio is the hub's")]
    [InlineData(Root + "/hub/state", "hub state is the hub's")]
    [InlineData(Root + "/dev/dev-a/unknown", "unknown leaf")]
    [InlineData(Root + "/dev/dev-a/state/extra", "extra level")]
    [InlineData("tanky/v1/other-site/dev/dev-a/state", "another site")]
    [InlineData("tanky/v2/tan-ky/dev/dev-a/state", "another protocol version")]
    [InlineData(Root + "/dev/+/state", "wildcard in a topic name")]
    [InlineData(Root + "/dev/dev-a/#", "wildcard in a topic name")]
    [InlineData("$SYS/broker/uptime", "system topic")]
    [InlineData("", "empty")]
    public void Device_may_not_publish_elsewhere(string topic, string because) =>
        Acl.CanPublish(DevA, topic).Should().BeFalse(because);

    [Theory]
    [InlineData(Root + "/dev/dev-a/desired")]
    [InlineData(Root + "/dev/dev-a/cmd")]
    [InlineData(Root + "/dev/dev-a/time/reply")]
    [InlineData(Root + "/zone/z1/play")]
    [InlineData(Root + "/zone/z2/play")]
    [InlineData(Root + "/stream/+")]
    [InlineData(Root + "/stream/s-42")]
    [InlineData(Root + "/hub/state")]
    public void Device_subscribes_to_what_it_needs(string filter) =>
        Acl.CanSubscribe(DevA, filter).Should().BeTrue();

    [Theory]
    [InlineData(Root + "/dev/dev-b/cmd", "another device's commands")]
    [InlineData(Root + "/dev/dev-b/desired", "another device's desired state")]
    [InlineData(Root + "/dev/dev-b/time/reply", "another device's time replies")]
    [InlineData(Root + "/dev/dev-a/state", "its own state is not for reading back")]
    [InlineData(Root + "/dev/dev-b/state", "another device's state")]
    [InlineData(Root + "/zone/z3/play", "a zone it is not in")]
    [InlineData(Root + "/zone/+/play", "all zones")]
    [InlineData(Root + "/dev/+/cmd", "everyone's commands")]
    [InlineData(Root + "/dev/dev-a/+", "wildcard over its own leaves")]
    [InlineData(Root + "/stream/#", "only stream/+ is allowed")]
    [InlineData(Root + "/#", "the whole site")]
    [InlineData("#", "everything")]
    [InlineData("tanky/v1/+/hub/state", "a wildcard site")]
    [InlineData("tanky/v1/other-site/hub/state", "another site")]
    [InlineData("tanky/v1/other-site/stream/+", "another site's streams")]
    [InlineData("$share/g/" + Root + "/stream/+", "shared subscription")]
    [InlineData(Root + "/stream/s+", "malformed wildcard")]
    public void Device_may_not_subscribe_elsewhere(string filter, string because) =>
        Acl.CanSubscribe(DevA, filter).Should().BeFalse(because);

    [Fact]
    public void Device_without_zones_gets_no_play_orders() =>
        Acl.CanSubscribe(MqttIdentity.Device("dev-c", []), $"{Root}/zone/z1/play").Should().BeFalse();

    [Theory]
    [InlineData(Root + "/hub/state")]
    [InlineData(Root + "/dev/dev-a/desired")]
    [InlineData(Root + "/dev/dev-a/cmd")]
    [InlineData(Root + "/dev/dev-a/time/reply")]
    [InlineData(Root + "/zone/z9/play")]
    [InlineData(Root + "/stream/s1")]
    [InlineData(Root + "/dev/dev-a/state")]
    public void Hub_publishes_under_its_site(string topic) =>
        Acl.CanPublish(MqttIdentity.Hub, topic).Should().BeTrue();

    [Theory]
    [InlineData("tanky/v1/other-site/hub/state")]
    [InlineData("tanky/v1/tan-ky")]
    [InlineData("tanky/v1/tan-ky-2/hub/state")]
    [InlineData(Root + "/dev/+/cmd")]
    [InlineData("elsewhere/topic")]
    public void Hub_may_not_publish_outside_its_site_or_with_wildcards(string topic) =>
        Acl.CanPublish(MqttIdentity.Hub, topic).Should().BeFalse();

    [Theory]
    [InlineData(Root + "/dev/+/+")]
    [InlineData(Root + "/#")]
    public void Hub_subscribes_to_all_device_topics(string filter) =>
        Acl.CanSubscribe(MqttIdentity.Hub, filter).Should().BeTrue();

    [Theory]
    [InlineData(Root + "/#")]
    [InlineData(Root + "/dev/+/telemetry")]
    [InlineData(Root + "/dev/dev-b/cmd")]
    [InlineData(Root + "/stream/#")]
    public void Tools_read_anything_of_the_site(string filter) =>
        Acl.CanSubscribe(MqttIdentity.Tools, filter).Should().BeTrue();

    [Theory]
    [InlineData("#")]
    [InlineData("tanky/#")]
    [InlineData("tanky/v1/+/#")]
    [InlineData("tanky/v1/other-site/#")]
    [InlineData(Root + "/#/x")]
    public void Tools_read_nothing_outside_the_site(string filter) =>
        Acl.CanSubscribe(MqttIdentity.Tools, filter).Should().BeFalse();

    [Theory]
    [InlineData(Root + "/dev/dev-a/cmd")]
    [InlineData(Root + "/dev/dev-a/state")]
    [InlineData(Root + "/hub/state")]
    [InlineData(Root + "/zone/z1/play")]
    public void Tools_publish_nothing(string topic) =>
        Acl.CanPublish(MqttIdentity.Tools, topic).Should().BeFalse();
}
