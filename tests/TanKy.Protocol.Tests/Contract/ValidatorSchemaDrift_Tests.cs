using System.Text;
using System.Text.Json.Nodes;

namespace TanKy.Protocol.Tests.Contract;

/// <summary>
/// The hub's <see cref="PayloadValidator"/> and the JSON Schemas cannot drift: a generated corpus —
/// every golden payload of protocol.md, then mutations of it (each member removed, each member of
/// the wrong JSON type, each limit just inside and just outside, unknown members) — gets the same
/// accept/refuse verdict from both. The schema side is the layer the validator enforces
/// (<see cref="ContractSchemas.ValidatorLayer"/>).
/// </summary>
/// <remarks>
/// Not in the corpus, because JSON Schema cannot state them (hub/docs/protocol-contract.md):
/// the byte bound (§5), the nesting depth, integers written with a fraction or exponent (1.0 is
/// an integer to JSON Schema, not to §1.9), and lengths of strings outside the BMP (§4 counts
/// UTF-16 code units, JSON Schema counts code points).
/// </remarks>
public sealed class ValidatorSchemaDrift_Tests(Xunit.Abstractions.ITestOutputHelper output)
{
    private sealed record Case(string Name, string Topic, string Json);

    [Fact]
    public void Validator_and_schemas_give_the_same_verdict_on_the_generated_corpus()
    {
        var corpus = Corpus().ToList();
        var disagreements = new List<string>();
        var accepted = 0;
        foreach (var c in corpus)
        {
            var validator = PayloadValidator.Validate(Golden.Site, c.Topic, Encoding.UTF8.GetBytes(c.Json));
            Topics.TryParse(c.Topic, out var topic).Should().BeTrue(c.Topic);
            var schemaErrors = ContractSchemas.Errors(ContractSchemas.ValidatorLayer(topic.Kind)!, c.Json);
            var validatorAccepts = validator.Error == ProtocolError.None;
            if (validatorAccepts != (schemaErrors is null))
            {
                disagreements.Add($"{c.Name} on {c.Topic}: {c.Json}\n   validator: {(validatorAccepts ? "accepts" : $"{validator.Error} {validator.Reason}")}\n   schema: {schemaErrors ?? "accepts"}");
            }

            accepted += validatorAccepts ? 1 : 0;
        }

        output.WriteLine($"{corpus.Count} payloads, {accepted} accepted and {corpus.Count - accepted} refused by the validator");
        disagreements.Should().BeEmpty("the schemas and PayloadValidator must agree:\n" + string.Join("\n", disagreements));
        corpus.Should().HaveCountGreaterThan(400, "every golden with every mutation");
        accepted.Should().BeGreaterThan(100, "limits just inside and unknown members are accepted");
        (corpus.Count - accepted).Should().BeGreaterThan(200, "limits just outside, wrong types and missing members are refused");
    }

    /// <summary>Sanity of the generator: a few verdicts known from protocol.md §5, so a corpus that silently went wrong fails here.</summary>
    [Theory]
    [InlineData("tanky/v1/tan-ky/dev/spk-07/telemetry", """{"v":1,"seq":-1}""", false)]
    [InlineData("tanky/v1/tan-ky/dev/spk-07/telemetry", """{"v":1,"seq":0,"zz":[{}]}""", true)]
    [InlineData("tanky/v1/tan-ky/zone/khoi-3/play", """{"v":1,"op":"play","stream":"bc-1","volume":101}""", false)]
    [InlineData("tanky/v1/tan-ky/dev/spk-07/state", """{"v":1,"status":"online"}""", false)]
    [InlineData("tanky/v1/tan-ky/dev/spk-07/state", """{"v":1,"status":"offline","kind":"toaster"}""", true)]
    [InlineData("tanky/v1/tan-ky/dev/spk-07/reply", """{"v":1,"id":"c-1","status":"error"}""", false)]
    [InlineData("tanky/v1/tan-ky/dev/spk-07/reply", """{"v":1,"id":"c-1","status":"ok","error":null}""", true)]
    public void Both_sides_give_the_documented_verdict(string topic, string json, bool valid)
    {
        Topics.TryParse(topic, out var parsed).Should().BeTrue();

        (PayloadValidator.Validate(Golden.Site, topic, Encoding.UTF8.GetBytes(json)).Error == ProtocolError.None).Should().Be(valid, "validator");
        ContractSchemas.IsValid(ContractSchemas.ValidatorLayer(parsed.Kind)!, json).Should().Be(valid, "schema");
    }

    private static IEnumerable<Case> Corpus()
    {
        // Wrong JSON types, and values at the edge of the integer types (§1.9).
        JsonNode?[] wrongTypes =
        [
            null, "x", "", true, 1.5, -1, 0, new JsonArray(), new JsonObject(),
            JsonValue.Create(long.MaxValue), JsonNode.Parse("9223372036854775808"), JsonValue.Create(long.MinValue),
            JsonValue.Create(2147483648L), JsonValue.Create(4294967296L),
        ];

        foreach (var golden in Golden.All)
        {
            yield return new Case(golden.Name, golden.Topic, golden.Json);
            var o = JsonNode.Parse(golden.Json)!.AsObject();
            foreach (var member in o.Select(kv => kv.Key).ToList())
            {
                yield return new Case($"{golden.Name} without {member}", golden.Topic, Without(o, member));
                foreach (var value in wrongTypes)
                {
                    yield return new Case($"{golden.Name} {member}={value?.ToJsonString() ?? "null"}", golden.Topic, With(o, member, value));
                }

                if (o[member] is JsonObject)
                {
                    yield return new Case($"{golden.Name} {member} with an unknown member", golden.Topic, With(o, member, Merge(o[member]!.AsObject(), "zz_unknown", new JsonArray(1, "a"))));
                }
            }

            yield return new Case($"{golden.Name} with an unknown member", golden.Topic, With(o, "zz_unknown", new JsonObject { ["a"] = new JsonArray(1, null) }));
            yield return new Case($"{golden.Name} with v=2", golden.Topic, With(o, "v", 2));
            yield return new Case($"{golden.Name} with v=\"1\"", golden.Topic, With(o, "v", "1"));
            yield return new Case($"{golden.Name} as an array", golden.Topic, $"[{golden.Json}]");
        }

        foreach (var c in Limits())
        {
            yield return c;
        }
    }

    /// <summary>Each limit of §4 just inside and just outside, on a minimal valid message of its topic.</summary>
    private static IEnumerable<Case> Limits()
    {
        const string dev = "tanky/v1/tan-ky/dev/spk-07/";
        var hub = """{"v":1,"status":"online"}""";
        var birth = """{"v":1,"status":"online","kind":"speaker"}""";
        var telemetry = """{"v":1,"seq":0}""";
        var desired = """{"v":1,"version":1,"state":{}}""";
        var cmd = """{"v":1,"id":"c-1","op":"ping","expires":1}""";
        var reply = """{"v":1,"id":"c-1","status":"ok"}""";
        var ev = """{"v":1,"type":"button.pressed"}""";
        var play = """{"v":1,"op":"play","stream":"bc-1"}""";
        var time = """{"v":1,"t1":1}""";
        var timeReply = """{"v":1,"t1":1,"t2":2,"t3":3}""";

        var cases = new List<(string Topic, string Json, string Member, JsonNode? Value)>();
        void Add(string topic, string json, string member, params JsonNode?[] values) =>
            cases.AddRange(values.Select(v => (topic, json, member, v)));

        // Enumerations.
        Add("tanky/v1/tan-ky/hub/state", hub, "status", "online", "offline", "Online", "unknown", "");
        Add(dev + "state", birth, "status", "offline", "Offline");
        foreach (var kind in EnumWire.Names<DeviceKind>().Append("toaster").Append("Speaker").Append("").Append(null))
        {
            Add(dev + "state", birth, "kind", kind);
            Add(dev + "state", """{"v":1,"status":"offline"}""", "kind", kind);
        }

        Add(dev + "reply", reply, "status", "ok", "error", "fail", "OK");
        Add(dev + "reply", """{"v":1,"id":"c-1","status":"error","error":"x"}""", "error", "", null, "x", Text(256), Text(257));
        Add(dev + "reply", reply, "error", "", null, Text(256), Text(257));
        Add("tanky/v1/tan-ky/zone/khoi-3/play", play, "op", "play", "stop", "pause", "Play");
        Add("tanky/v1/tan-ky/zone/khoi-3/play", play, "class", "normal", "priority", "emergency", "urgent", "Normal", null);

        // Lengths of free text and tokens (§3.1 grammar: a-z 0-9 . _ -).
        Add(dev + "state", birth, "fw", Text(32), Text(33), "", null);
        Add(dev + "state", birth, "boot", Text(64), Text(65), "", null);
        Add("tanky/v1/tan-ky/hub/state", hub, "boot", Text(300), "", null);
        foreach (var (topic, json, member, max) in new[]
        {
            (dev + "cmd", cmd, "id", 64), (dev + "cmd", cmd, "op", 32), (dev + "reply", reply, "id", 64),
            (dev + "event", ev, "type", 48), ("tanky/v1/tan-ky/zone/khoi-3/play", play, "codec", 32),
        })
        {
            Add(topic, json, member, Text(max), Text(max + 1), "", "a.b_c-9", "A", "a b", "a/b", "a+b", "\u00E0", "a\n", "\u00E0bc");
        }

        // Identifiers (§3.1): stream ids in events and play orders.
        foreach (var (topic, json) in new[] { (dev + "event", ev), ("tanky/v1/tan-ky/zone/khoi-3/play", play) })
        {
            Add(topic, json, "stream", "b-5f0c2a9e41d7b386", Id(48), Id(49), "-a", "a-", "A", "a_b", "a.b", "", "a\n", "x\u00F3m");
        }

        // Arrays and objects with counts.
        Add(dev + "state", birth, "caps", Caps(16, 32), Caps(17, 1), Caps(1, 33), new JsonArray("Opus"), new JsonArray(""), new JsonArray((JsonNode?)null), new JsonArray(1), new JsonArray(), null);
        Add(dev + "telemetry", telemetry, "metrics", Metrics(32, 32), Metrics(33, 1), Metrics(1, 33),
            new JsonObject { ["Temp"] = 1 }, new JsonObject { ["t"] = "1" }, new JsonObject { ["t"] = null }, new JsonObject { ["t"] = -1.5e300 },
            new JsonObject { ["t"] = true }, new JsonObject { ["a b"] = 1 }, new JsonObject(), null);
        Add(dev + "reported", desired, "errors", Errors(32, 2, 1), Errors(1, 64, 256), Errors(33, 1, 1), Errors(1, 65, 1), Errors(1, 64, 257),
            new JsonObject { [""] = "x" }, new JsonObject { ["a"] = null }, new JsonObject { ["a"] = 1 }, new JsonObject { ["Any Key.é"] = "" }, new JsonObject(), null);

        // Numbers and ranges.
        foreach (var topic in new[] { dev + "state", dev + "telemetry" })
        {
            Add(topic, topic.EndsWith("state", StringComparison.Ordinal) ? birth : telemetry, "interval", 1, 3600, 0, 3601, -1, null, 2147483647);
        }

        Add(dev + "telemetry", telemetry, "seq", 0, -1, long.MaxValue);
        Add(dev + "desired", desired, "version", 0, -1, long.MaxValue);
        Add(dev + "reported", desired, "version", 0, -1);
        Add(dev + "desired", desired, "state", new JsonObject { ["volume"] = 200 }, null, new JsonArray(), "x");
        Add(dev + "cmd", cmd, "expires", long.MinValue, long.MaxValue, 0, -1);
        Add(dev + "cmd", cmd, "args", new JsonObject { ["freq_hz"] = 1 }, null, new JsonArray(), "x", 1);
        Add(dev + "reply", reply, "data", new JsonObject(), null, new JsonArray(), 1);
        Add(dev + "event", ev, "data", new JsonObject { ["button"] = "talk" }, null, new JsonArray(), "x");
        Add(dev + "event", ev, "ts", 0, -1, long.MaxValue, null);
        Add(dev + "time", time, "t1", long.MinValue, long.MaxValue, 0, -1);
        foreach (var t in new[] { "t1", "t2", "t3" })
        {
            Add(dev + "time/reply", timeReply, t, long.MinValue, long.MaxValue);
        }

        const string zone = "tanky/v1/tan-ky/zone/khoi-3/play";
        Add(zone, play, "start", 0, -1, long.MaxValue, null);
        Add(zone, play, "volume", 0, 100, -1, 101, null);
        Add(zone, play, "epoch", 0, 4294967295L, -1, 4294967296L, null);
        Add(zone, play, "ts", 1767225601000, null);

        foreach (var (topic, json, member, value) in cases)
        {
            var o = JsonNode.Parse(json)!.AsObject();
            yield return new Case($"{member}={value?.ToJsonString() ?? "null"}", topic, With(o, member, value));
        }
    }

    private static string Text(int length) => new('a', length);

    private static string Id(int length) => "b" + new string('0', length - 1);

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>The i-th of up to 36 distinct names (or tokens) of exactly <paramref name="length"/> characters.</summary>
    private static string Name(int i, int length) => Alphabet[i % Alphabet.Length] + new string('m', length - 1);

    private static JsonArray Caps(int count, int length) =>
        new(Enumerable.Range(0, count).Select(i => (JsonNode?)JsonValue.Create(Name(i, length))).ToArray());

    private static JsonObject Metrics(int count, int nameLength) =>
        new(Enumerable.Range(0, count).Select(i => KeyValuePair.Create(Name(i, nameLength), (JsonNode?)JsonValue.Create(i))));

    private static JsonObject Errors(int count, int keyLength, int reasonLength) =>
        new(Enumerable.Range(0, count).Select(i => KeyValuePair.Create(Name(i, keyLength), (JsonNode?)JsonValue.Create(Text(reasonLength)))));

    private static string With(JsonObject o, string member, JsonNode? value)
    {
        var copy = o.DeepClone().AsObject();
        copy[member] = value?.DeepClone();
        return copy.ToJsonString();
    }

    private static string Without(JsonObject o, string member)
    {
        var copy = o.DeepClone().AsObject();
        copy.Remove(member);
        return copy.ToJsonString();
    }

    private static JsonObject Merge(JsonObject o, string member, JsonNode value)
    {
        var copy = o.DeepClone().AsObject();
        copy[member] = value;
        return copy;
    }
}
