namespace TanKy.Protocol.Tests;

public sealed class Topics_Tests
{
    private static readonly Topics T = new("tan-ky");

    [Fact]
    public void Builders_produce_the_literal_topics_of_the_table()
    {
        T.Site.Should().Be("tan-ky");
        T.Root.Should().Be("tanky/v1/tan-ky");
        T.HubState.Should().Be("tanky/v1/tan-ky/hub/state");
        T.DeviceState("spk-07").Should().Be("tanky/v1/tan-ky/dev/spk-07/state");
        T.Telemetry("spk-07").Should().Be("tanky/v1/tan-ky/dev/spk-07/telemetry");
        T.Desired("spk-07").Should().Be("tanky/v1/tan-ky/dev/spk-07/desired");
        T.Reported("spk-07").Should().Be("tanky/v1/tan-ky/dev/spk-07/reported");
        T.Command("spk-07").Should().Be("tanky/v1/tan-ky/dev/spk-07/cmd");
        T.Reply("spk-07").Should().Be("tanky/v1/tan-ky/dev/spk-07/reply");
        T.Event("spk-07").Should().Be("tanky/v1/tan-ky/dev/spk-07/event");
        T.TimeRequest("spk-07").Should().Be("tanky/v1/tan-ky/dev/spk-07/time");
        T.TimeReply("spk-07").Should().Be("tanky/v1/tan-ky/dev/spk-07/time/reply");
        T.ZonePlay("khoi-3").Should().Be("tanky/v1/tan-ky/zone/khoi-3/play");
        T.Stream("bc-1042").Should().Be("tanky/v1/tan-ky/stream/bc-1042");
        T.AllDevices("state").Should().Be("tanky/v1/tan-ky/dev/+/state");
        T.AllStreams.Should().Be("tanky/v1/tan-ky/stream/+");
    }

    [Theory]
    [InlineData(TopicKind.HubState, null, "tanky/v1/tan-ky/hub/state")]
    [InlineData(TopicKind.DeviceState, "spk-07", "tanky/v1/tan-ky/dev/spk-07/state")]
    [InlineData(TopicKind.Telemetry, "spk-07", "tanky/v1/tan-ky/dev/spk-07/telemetry")]
    [InlineData(TopicKind.Desired, "spk-07", "tanky/v1/tan-ky/dev/spk-07/desired")]
    [InlineData(TopicKind.Reported, "spk-07", "tanky/v1/tan-ky/dev/spk-07/reported")]
    [InlineData(TopicKind.Command, "spk-07", "tanky/v1/tan-ky/dev/spk-07/cmd")]
    [InlineData(TopicKind.Reply, "spk-07", "tanky/v1/tan-ky/dev/spk-07/reply")]
    [InlineData(TopicKind.Event, "spk-07", "tanky/v1/tan-ky/dev/spk-07/event")]
    [InlineData(TopicKind.TimeRequest, "spk-07", "tanky/v1/tan-ky/dev/spk-07/time")]
    [InlineData(TopicKind.TimeReply, "spk-07", "tanky/v1/tan-ky/dev/spk-07/time/reply")]
    [InlineData(TopicKind.ZonePlay, "khoi-3", "tanky/v1/tan-ky/zone/khoi-3/play")]
    [InlineData(TopicKind.Stream, "bc-1042", "tanky/v1/tan-ky/stream/bc-1042")]
    public void Build_and_TryParse_agree_under_every_topic_kind(TopicKind kind, string? subject, string literal)
    {
        T.Build(kind, subject).Should().Be(literal);

        Topics.TryParse(literal, out var parsed).Should().BeTrue();
        parsed.Should().Be(new ParsedTopic("tan-ky", kind, subject));
    }

    [Fact]
    public void TryParse_returns_the_site_of_the_topic_under_another_site()
    {
        Topics.TryParse("tanky/v1/nghia-dong/dev/ap-1/telemetry", out var parsed).Should().BeTrue();

        parsed.Should().Be(new ParsedTopic("nghia-dong", TopicKind.Telemetry, "ap-1"));
    }

    [Theory]
    [InlineData(TopicKind.DeviceState, true)]
    [InlineData(TopicKind.Telemetry, true)]
    [InlineData(TopicKind.Reported, true)]
    [InlineData(TopicKind.Reply, true)]
    [InlineData(TopicKind.Event, true)]
    [InlineData(TopicKind.TimeRequest, true)]
    [InlineData(TopicKind.HubState, false)]
    [InlineData(TopicKind.Desired, false)]
    [InlineData(TopicKind.Command, false)]
    [InlineData(TopicKind.TimeReply, false)]
    [InlineData(TopicKind.ZonePlay, false)]
    [InlineData(TopicKind.Stream, false)]
    public void IsDevicePublished_matches_the_publisher_column(TopicKind kind, bool devicePublished)
    {
        new ParsedTopic("tan-ky", kind, "x").IsDevicePublished.Should().Be(devicePublished);
    }

    public static TheoryData<string?, string> RejectedTopics() => new()
    {
        { null, "null" },
        { "", "empty" },
        { "tanky/v1/tan-ky", "root only" },
        { "tanky/v1/tan-ky/", "root with slash" },
        { "tanky/v1/tan-ky/hub", "hub without leaf" },
        { "tanky/v2/tan-ky/hub/state", "v2" },
        { "tanky/V1/tan-ky/hub/state", "upper-case version" },
        { "Tanky/v1/tan-ky/hub/state", "upper-case root" },
        { "tanky2/v1/tan-ky/hub/state", "wrong root" },
        { "/tanky/v1/tan-ky/hub/state", "leading slash" },
        { "tanky/v1/tan-ky/hub/state/", "trailing slash" },
        { "tanky/v1//hub/state", "empty site" },
        { "tanky/v1/Tan-Ky/hub/state", "upper-case site" },
        { "tanky/v1/-tan-ky/hub/state", "site starting with dash" },
        { "tanky/v1/tan_ky/hub/state", "underscore in site" },
        { "tanky/v1/+/hub/state", "wildcard + as site" },
        { "tanky/v1/#", "wildcard #" },
        { "tanky/v1/tan-ky/#", "wildcard # under root" },
        { "tanky/v1/tan-ky/dev/+/state", "wildcard + as device" },
        { "tanky/v1/tan-ky/dev/spk-07/#", "wildcard # as leaf" },
        { "tanky/v1/tan-ky/stream/+", "wildcard + as stream" },
        { "tanky/v1/tan-ky/zone/+/play", "wildcard + as zone" },
        { "tanky/v1/tan-ky/dev//state", "empty device id" },
        { "tanky/v1/tan-ky/dev/SPK-07/state", "upper-case device id" },
        { "tanky/v1/tan-ky/dev/spk 07/state", "space in device id" },
        { "tanky/v1/tan-ky/dev/spk.07/state", "dot in device id" },
        { "tanky/v1/tan-ky/dev/loa-xóm-3/state", "non-ASCII device id" },
        { "tanky/v1/tan-ky/dev/" + new string('a', 49) + "/state", "49-character device id" },
        { "tanky/v1/" + new string('s', 49) + "/hub/state", "49-character site" },
        { "tanky/v1/tan-ky/stream/" + new string('b', 49), "49-character stream id" },
        { "tanky/v1/tan-ky/dev/spk-07", "device without leaf" },
        { "tanky/v1/tan-ky/dev/spk-07/status", "unknown device leaf" },
        { "tanky/v1/tan-ky/dev/spk-07/command", "long name of cmd" },
        { "tanky/v1/tan-ky/dev/spk-07/State", "upper-case leaf" },
        { "tanky/v1/tan-ky/dev/spk-07/state/extra", "extra level after state" },
        { "tanky/v1/tan-ky/dev/spk-07/time/other", "unknown time sub-leaf" },
        { "tanky/v1/tan-ky/dev/spk-07/time/reply/x", "extra level after time/reply" },
        { "tanky/v1/tan-ky/dev/spk-07/reply/time", "reply/time reversed" },
        { "tanky/v1/tan-ky/hub/status", "unknown hub leaf" },
        { "tanky/v1/tan-ky/hub/state/x", "extra level after hub/state" },
        { "tanky/v1/tan-ky/hub/x/state", "hub with an id" },
        { "tanky/v1/tan-ky/zone/khoi-3", "zone without leaf" },
        { "tanky/v1/tan-ky/zone/khoi-3/stop", "unknown zone leaf" },
        { "tanky/v1/tan-ky/zone/khoi-3/play/x", "extra level after zone play" },
        { "tanky/v1/tan-ky/stream", "stream without id" },
        { "tanky/v1/tan-ky/stream/bc-1042/x", "extra level after stream" },
        { "tanky/v1/tan-ky/devices/spk-07/state", "unknown branch" },
        { "$SYS/broker/uptime", "broker system topic" },
        { "tanky/v1/tan-ky/dev/" + new string('a', 300) + "/state", "over 256 characters" },
    };

    [Theory]
    [MemberData(nameof(RejectedTopics))]
    public void TryParse_refuses_under_a_topic_outside_the_table(string? topic, string why)
    {
        Topics.TryParse(topic, out var parsed).Should().BeFalse(why);
        parsed.Should().Be(default(ParsedTopic));
    }

    [Fact]
    public void TryParse_accepts_48_character_identifiers_at_the_limit()
    {
        var id = new string('a', 48);

        Topics.TryParse($"tanky/v1/{id}/dev/{id}/time/reply", out var parsed).Should().BeTrue();

        parsed.Should().Be(new ParsedTopic(id, TopicKind.TimeReply, id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Tan-Ky")]
    [InlineData("-tan-ky")]
    [InlineData("tan/ky")]
    [InlineData("tan+ky")]
    public void Constructor_throws_under_an_invalid_site(string site)
    {
        var act = () => new Topics(site);

        act.Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData("+")]
    [InlineData("#")]
    [InlineData("a/b")]
    [InlineData("")]
    [InlineData("Spk")]
    public void Builders_throw_under_an_invalid_identifier(string id)
    {
        ((Action)(() => T.DeviceState(id))).Should().Throw<ArgumentException>();
        ((Action)(() => T.ZonePlay(id))).Should().Throw<ArgumentException>();
        ((Action)(() => T.Stream(id))).Should().Throw<ArgumentException>();
    }
}
