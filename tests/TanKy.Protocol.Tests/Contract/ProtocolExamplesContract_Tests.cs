using System.Text.Json.Nodes;

namespace TanKy.Protocol.Tests.Contract;

/// <summary>
/// Every JSON example of hub/docs/protocol.md validates against the schema of its topic
/// (hub/docs/schemas, JsonSchema.Net): the ```json examples named by topic, the per-kind desired
/// examples against their kind's schema, and the one-line JSON of the ```text examples (§4.6
/// playback events, §4.10 alerts, §4.11 a desired state with its cache list).
/// </summary>
public sealed class ProtocolExamplesContract_Tests
{
    /// <summary>Device ids used in the document's examples, by kind (§4.9 names them by kind).</summary>
    private static DeviceKind KindOfExampleDevice(string id) => id switch
    {
        _ when id.StartsWith("spk-", StringComparison.Ordinal) || id.StartsWith("loa-", StringComparison.Ordinal) => DeviceKind.Speaker,
        _ when id.StartsWith("wifi-", StringComparison.Ordinal) => DeviceKind.WifiAp,
        _ when id.StartsWith("cam-", StringComparison.Ordinal) => DeviceKind.Camera,
        _ when id.StartsWith("led-", StringComparison.Ordinal) => DeviceKind.LedBoard,
        _ => throw new ArgumentException($"protocol.md example device '{id}': no kind known for it; add its prefix here"),
    };

    [Fact]
    public void Every_json_example_validates_against_the_schema_of_its_topic()
    {
        var examples = ProtocolDocument_Tests.JsonExamples();

        examples.Should().HaveCountGreaterThan(20, "the document has an example for every message");
        foreach (var ex in examples)
        {
            var schema = ContractSchemas.ForTopic(ex.Topic);
            schema.Should().NotBeNull($"protocol.md:{ex.Line} topic {ex.Topic} has a schema");
            ContractSchemas.Errors(schema!, ex.Json).Should().BeNull($"protocol.md:{ex.Line} {ex.Json} is valid against {schema}");
        }
    }

    [Fact]
    public void Every_desired_and_reported_example_validates_against_its_device_kind()
    {
        var checkedCount = 0;
        foreach (var ex in ProtocolDocument_Tests.JsonExamples())
        {
            Topics.TryParse(ex.Topic, out var topic).Should().BeTrue();
            if (topic.Kind is not (TopicKind.Desired or TopicKind.Reported)
                || ContractSchemas.ForDeviceKind(topic.Kind, KindOfExampleDevice(topic.Subject!)) is not { } schema)
            {
                continue;
            }

            ContractSchemas.Errors(schema, ex.Json).Should().BeNull($"protocol.md:{ex.Line} {ex.Json} is valid against {schema}");
            checkedCount++;
        }

        checkedCount.Should().BeGreaterThanOrEqualTo(5, "speaker (2), speaker reported, Wi-Fi point and LED board examples");
    }

    [Fact]
    public void Every_json_line_of_the_text_examples_validates_against_its_schema()
    {
        var lines = MarkdownExamples.Fence().Matches(ProtocolDocument_Tests.Document)
            .Where(m => m.Groups["info"].Value.Trim() == "text")
            .SelectMany(m => m.Groups["body"].Value.Split('\n'))
            .Where(l => l.StartsWith("{\"v\":1", StringComparison.Ordinal))
            .ToList();

        var schemas = lines.Select(l => (Line: l, Schema: SchemaOfTextExample(l))).ToList();

        schemas.Select(s => s.Schema).Should().Contain(["event.schema.json", "hub-alerts.schema.json", "desired-speaker.schema.json"],
            "§4.6, §4.10 and §4.11 show one-line JSON in text blocks");
        foreach (var (line, schema) in schemas)
        {
            ContractSchemas.Errors(schema, line).Should().BeNull($"{line} is valid against {schema}");
        }
    }

    /// <summary>The text blocks do not name a topic; the members tell which message each line is.</summary>
    private static string SchemaOfTextExample(string line)
    {
        var o = JsonNode.Parse(line)!.AsObject();
        return o switch
        {
            _ when o.ContainsKey("alerts") => "hub-alerts.schema.json",
            _ when o.ContainsKey("type") => "event.schema.json",
            _ when o["state"]?["cache"] is JsonArray => "desired-speaker.schema.json",
            _ => throw new ArgumentException($"protocol.md text example of unknown message: {line}"),
        };
    }
}
