using System.Text;

namespace TanKy.Protocol.Tests;

/// <summary>
/// Hostile input never throws: PayloadValidator.Validate and Topics.TryParse are called on
/// every MQTT message that reaches the hub. Seeds are fixed so a failure reproduces.
/// </summary>
public sealed class Robustness_Tests
{
    private const string Site = Golden.Site;

    private static readonly string[] AllTopics =
    [
        .. Enum.GetValues<TopicKind>().Select(k => Golden.Topics.Build(k, "x1")),
        "tanky/v1/other/hub/state",
        "tanky/v1/tan-ky/dev/x1/time/other",
        "nonsense",
    ];

    [Fact]
    public void Validate_never_throws_under_random_bytes()
    {
        var random = new Random(20260101);
        var counts = new Dictionary<ProtocolError, int>();
        for (var i = 0; i < 5000; i++)
        {
            var payload = new byte[random.Next(0, 300)];
            random.NextBytes(payload);
            var topic = AllTopics[random.Next(AllTopics.Length)];

            var result = PayloadValidator.Validate(Site, topic, payload);

            result.Should().NotBeNull();
            result.IsValid.Should().Be(result.Error == ProtocolError.None);
            (result.IsValid || result.Reason is { Length: > 0 }).Should().BeTrue("a refusal carries a reason");
            counts[result.Error] = counts.GetValueOrDefault(result.Error) + 1;
        }

        counts.Should().ContainKey(ProtocolError.BadJson).And.ContainKey(ProtocolError.UnknownTopic).And.ContainKey(ProtocolError.ForeignSite);
    }

    [Fact]
    public void Validate_never_throws_under_random_json_like_text()
    {
        var random = new Random(7);
        string[] atoms = ["{", "}", "[", "]", ",", ":", "\"v\"", "1", "2", "-0", "1e309", "-1e309", "9223372036854775808", "null", "true", "false",
            "\"status\"", "\"online\"", "\"state\"", "\"metrics\"", "\"caps\"", "\"seq\"", "\"version\"", "\"id\"", "\"op\"", "\"stream\"",
            "\"\\u0000\"", "\"\\ud800\"", "\"\\\"", "\"é\"", " ", "\n", "\"t1\"", "\"errors\"", "\"data\"", "1.5", "NaN", "\"NaN\""];
        for (var i = 0; i < 5000; i++)
        {
            var sb = new StringBuilder("{\"v\":1,");
            var n = random.Next(1, 40);
            for (var j = 0; j < n; j++)
            {
                sb.Append(atoms[random.Next(atoms.Length)]);
            }

            var topic = AllTopics[random.Next(AllTopics.Length - 3)];

            var act = () => PayloadValidator.Validate(Site, topic, Encoding.UTF8.GetBytes(sb.ToString()));

            var result = act.Should().NotThrow().Subject;
            if (result.Message is { } message)
            {
                // Whatever is accepted is safe to use: re-serialising reads every value.
                ((Action)(() => Golden.Serialize(message))).Should().NotThrow(sb.ToString());
            }
        }
    }

    [Fact]
    public void Accepted_messages_are_safe_to_read_under_random_free_form_content()
    {
        var random = new Random(99);
        string[] templates =
        [
            "{\"v\":1,\"version\":3,\"state\":%,\"x\":%}",
            "{\"v\":1,\"version\":3,\"state\":%,\"errors\":{\"a\":\"b\"}}",
            "{\"v\":1,\"id\":\"c-1\",\"op\":\"x\",\"args\":%,\"expires\":1}",
            "{\"v\":1,\"id\":\"c-1\",\"status\":\"ok\",\"data\":%}",
            "{\"v\":1,\"type\":\"a.b\",\"data\":%,\"more\":%}",
        ];
        TopicKind[] kinds = [TopicKind.Desired, TopicKind.Reported, TopicKind.Command, TopicKind.Reply, TopicKind.Event];
        int accepted = 0, refused = 0;
        for (var i = 0; i < 3000; i++)
        {
            var t = random.Next(templates.Length);
            var json = templates[t];
            while (json.Contains('%', StringComparison.Ordinal))
            {
                var at = json.IndexOf('%', StringComparison.Ordinal);
                var value = new StringBuilder();
                RandomObject(random, value, 0);
                json = string.Concat(json.AsSpan(0, at), value.ToString(), json.AsSpan(at + 1));
            }

            var result = PayloadValidator.Validate(Site, Golden.Topics.Build(kinds[t], "x1"), Encoding.UTF8.GetBytes(json));

            if (result.Message is { } message)
            {
                accepted++;
                var back = Encoding.UTF8.GetString(Golden.Serialize(message));
                PayloadValidator.Validate(Site, Golden.Topics.Build(kinds[t], "x1"), Encoding.UTF8.GetBytes(back))
                    .Error.Should().BeOneOf([ProtocolError.None, ProtocolError.TooLarge], "re-serialised: " + back);
            }
            else
            {
                refused++;
                result.Error.Should().BeOneOf(ProtocolError.BadJson, ProtocolError.TooLarge);
            }
        }

        accepted.Should().BeGreaterThan(1000);
        refused.Should().BeGreaterThan(0, "some generated strings carry lone surrogates");
    }

    private static void RandomObject(Random random, StringBuilder sb, int depth)
    {
        sb.Append('{');
        var n = random.Next(0, 4);
        for (var i = 0; i < n; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            RandomString(random, sb);
            sb.Append(':');
            RandomValue(random, sb, depth + 1);
        }

        sb.Append('}');
    }

    private static void RandomValue(Random random, StringBuilder sb, int depth)
    {
        switch (random.Next(depth > 6 ? 5 : 7))
        {
            case 0: sb.Append("null"); break;
            case 1: sb.Append(random.Next(2) == 0 ? "true" : "false"); break;
            case 2: sb.Append(random.Next(4) switch { 0 => "-0", 1 => "1e308", 2 => "123456789012345678901234567890", _ => "-42.5e-3" }); break;
            case 3: sb.Append(random.NextInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)); break;
            case 4: RandomString(random, sb); break;
            case 5: RandomObject(random, sb, depth); break;
            default:
                sb.Append('[');
                for (var i = random.Next(0, 3); i > 0; i--)
                {
                    RandomValue(random, sb, depth + 1);
                    sb.Append(i > 1 ? "," : "");
                }

                sb.Append(']');
                break;
        }
    }

    private static void RandomString(Random random, StringBuilder sb)
    {
        string[] pieces = ["a", "v", "Chào", "khối", "\\", "\"", "\\n", "\\u00e0", "\\ud83d\\ude00", "😀", "\\/", " ", "\\ud800", "\\udc00"];
        sb.Append('"');
        for (var i = random.Next(0, 4); i > 0; i--)
        {
            var piece = pieces[random.Next(pieces.Length)];
            sb.Append(piece);
        }

        sb.Append('"');
    }

    [Fact]
    public void Validate_never_throws_under_every_truncation_of_every_golden_payload()
    {
        foreach (var golden in Golden.All)
        {
            var bytes = Encoding.UTF8.GetBytes(golden.Json);
            for (var length = 0; length < bytes.Length; length++)
            {
                var result = PayloadValidator.Validate(Site, golden.Topic, bytes.AsSpan(0, length));

                result.IsValid.Should().BeFalse($"'{golden.Name}' cut to {length} bytes is not a complete message");
                result.Error.Should().Be(ProtocolError.BadJson, $"'{golden.Name}' cut to {length} bytes");
            }
        }
    }

    [Fact]
    public void Validate_never_throws_under_single_byte_corruptions_of_golden_payloads()
    {
        var random = new Random(42);
        foreach (var golden in Golden.All)
        {
            var original = Encoding.UTF8.GetBytes(golden.Json);
            for (var i = 0; i < 300; i++)
            {
                var bytes = (byte[])original.Clone();
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);

                var act = () => PayloadValidator.Validate(Site, golden.Topic, bytes);

                act.Should().NotThrow();
            }
        }
    }

    [Theory]
    [InlineData(100)]
    [InlineData(1000)]
    [InlineData(2000)]
    public void Validate_refuses_without_throwing_under_deeply_nested_json(int depth)
    {
        foreach (var (open, close) in new[] { ("[", "]"), ("{\"a\":", "}") })
        {
            var nested = string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));
            var json = "{\"v\":1,\"version\":1,\"state\":{\"x\":" + nested + "}}";

            var result = PayloadValidator.Validate(Site, Golden.Topics.Desired("x1"), Encoding.UTF8.GetBytes(json));

            result.Error.Should().BeOneOf(ProtocolError.BadJson, ProtocolError.TooLarge);
        }
    }

    [Fact]
    public void Validate_refuses_without_throwing_under_nesting_in_every_json_field()
    {
        var nested = new string('[', 40) + new string(']', 40);
        foreach (var kind in Enum.GetValues<TopicKind>().Where(k => k != TopicKind.Stream))
        {
            foreach (var field in new[] { "status", "state", "data", "args", "metrics", "caps", "errors", "t1", "unknown" })
            {
                var json = $"{{\"v\":1,\"{field}\":{nested}}}";

                var result = PayloadValidator.Validate(Site, Golden.Topics.Build(kind, "x1"), Encoding.UTF8.GetBytes(json));

                result.Error.Should().Be(ProtocolError.BadJson, $"{kind}.{field}");
            }
        }
    }

    [Fact]
    public void TryParse_never_throws_under_random_topics()
    {
        var random = new Random(1234);
        string[] levels = ["tanky", "v1", "v2", "tan-ky", "dev", "hub", "state", "zone", "play", "stream", "time", "reply", "cmd", "+", "#", "", "x1", "A", "$SYS", "é", "\0"];
        var accepted = 0;
        for (var i = 0; i < 20000; i++)
        {
            string topic;
            if (i % 3 == 0)
            {
                // A valid topic with one character replaced (or none, when the index is past the end).
                var chars = AllTopics[random.Next(Enum.GetValues<TopicKind>().Length)].ToCharArray();
                var at = random.Next(chars.Length * 2);
                if (at < chars.Length)
                {
                    chars[at] = levels[random.Next(levels.Length)] is { Length: > 0 } l ? l[0] : '/';
                }

                topic = new string(chars);
            }
            else if (i % 3 == 1)
            {
                var n = random.Next(0, 9);
                topic = string.Join('/', Enumerable.Range(0, n).Select(_ => levels[random.Next(levels.Length)]));
            }
            else
            {
                var chars = new char[random.Next(0, 300)];
                for (var j = 0; j < chars.Length; j++)
                {
                    chars[j] = random.Next(4) == 0 ? '/' : (char)random.Next(0, 0x3000);
                }

                topic = new string(chars);
            }

            var ok = Topics.TryParse(topic, out var parsed);

            if (ok)
            {
                accepted++;
                Identifiers.IsValid(parsed.Site).Should().BeTrue(topic);
                new Topics(parsed.Site).Build(parsed.Kind, parsed.Subject).Should().Be(topic, "an accepted topic rebuilds to itself");
            }
        }

        accepted.Should().BeGreaterThan(0, "the generator also produces valid topics");
    }

    [Fact]
    public void Validate_never_throws_under_a_foreign_or_odd_expected_site()
    {
        foreach (var site in new[] { "", "TAN-KY", "+", "#", new string('a', 500) })
        {
            var act = () => PayloadValidator.Validate(site, Golden.Topics.HubState, """{"v":1,"status":"online"}"""u8);

            act.Should().NotThrow();
            PayloadValidator.Validate(site, Golden.Topics.HubState, """{"v":1,"status":"online"}"""u8).Error.Should().Be(ProtocolError.ForeignSite);
        }
    }
}
