using System.Text;
using System.Text.RegularExpressions;

namespace TanKy.Protocol.Tests;

/// <summary>
/// hub/docs/device-guide.md is read by firmware engineers who copy its payloads: every ```json
/// example must be a message the hub accepts on its topic, and every §N.N it cites must be a
/// section of protocol.md (which another person edits; a renumbering must not leave dead references).
/// </summary>
public sealed partial class DeviceGuide_Tests
{
    private static readonly string Guide = Read("device-guide.md");
    private static readonly string Protocol = Read("protocol.md");

    private static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, name));

    [GeneratedRegex(@"^#{2,6} (?<n>\d+(?:\.\d+)*)\.? ", RegexOptions.Multiline)]
    private static partial Regex NumberedHeading();

    [GeneratedRegex(@"§(?<n>\d+(?:\.\d+)*)")]
    private static partial Regex SectionReference();

    /// <summary>Every problem of the ```json examples of <paramref name="document"/>, one line each.</summary>
    private static List<string> ExampleFailures(string document)
    {
        var failures = new List<string>();
        foreach (var ex in MarkdownExamples.Json(document))
        {
            if (ex.Topic.Length == 0)
            {
                failures.Add($"line {ex.Line}: a ```json block must name its topic");
                continue;
            }

            if (ex.Json.Contains('\n', StringComparison.Ordinal))
            {
                failures.Add($"line {ex.Line}: a message is one line (the exact bytes on the wire)");
            }

            var result = PayloadValidator.Validate("tan-ky", ex.Topic, Encoding.UTF8.GetBytes(ex.Json));
            if (!result.IsValid)
            {
                failures.Add($"line {ex.Line}: {result.Error} on {ex.Topic}: {result.Reason}");
            }
        }

        return failures;
    }

    /// <summary>The §-numbers cited in <paramref name="document"/> that are not a heading of protocol.md.</summary>
    private static List<string> DeadReferences(string document)
    {
        var headings = NumberedHeading().Matches(Protocol).Select(m => m.Groups["n"].Value).ToHashSet(StringComparer.Ordinal);
        return SectionReference().Matches(document)
            .Select(m => m.Groups["n"].Value)
            .Where(n => !headings.Contains(n))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    [GeneratedRegex(@"^[ \t>]*```json", RegexOptions.Multiline)]
    private static partial Regex AnyJsonFence();

    [Fact]
    public void Every_json_example_of_the_guide_validates_on_its_topic()
    {
        // An indented fence (inside a list item) is not extracted and would escape the check.
        MarkdownExamples.Json(Guide).Should().HaveCount(AnyJsonFence().Count(Guide), "every ```json fence must start its line");
        ExampleFailures(Guide).Should().BeEmpty("device-guide.md shows only messages the hub accepts");
    }

    [Fact]
    public void The_guide_shows_a_message_on_every_topic_a_device_uses()
    {
        var kinds = MarkdownExamples.Json(Guide)
            .Select(ex => Topics.TryParse(ex.Topic, out var parsed) ? parsed.Kind : (TopicKind?)null)
            .ToHashSet();

        // Every JSON topic (audio frames are binary; the guide shows their header as a table).
        kinds.Should().BeEquivalentTo(Enum.GetValues<TopicKind>().Where(k => k != TopicKind.Stream).Cast<TopicKind?>());
    }

    [Fact]
    public void A_broken_example_is_reported_with_its_line()
    {
        const string Broken = """
            # A guide with three mistakes

            ```json tanky/v1/tan-ky/dev/spk-07/telemetry
            {"v":1,"seq":-1}
            ```

            ```json
            {"v":1,"status":"offline"}
            ```

            ```json tanky/v1/tan-ky/dev/spk-07/state
            {"status":"online","kind":"speaker"}
            ```

            ```json tanky/v1/tan-ky/dev/spk-07/reply
            {"v":1,"id":"c-1","status":"ok"}
            ```
            """;

        ExampleFailures(Broken).Should().SatisfyRespectively(
            f => f.Should().StartWith("line 3: Schema"),
            f => f.Should().StartWith("line 7: a ```json block must name its topic"),
            f => f.Should().StartWith("line 11: WrongVersion"));
    }

    [Fact]
    public void Every_section_the_guide_cites_is_a_heading_of_the_protocol()
    {
        SectionReference().Count(Guide).Should().BeGreaterThan(20, "the guide cites the protocol throughout");
        DeadReferences(Guide).Should().BeEmpty("each §N.N of device-guide.md must name a section of protocol.md");
    }

    [Fact]
    public void A_reference_to_a_missing_section_is_caught()
    {
        DeadReferences("Birth: §2.3, limits: §5, frames: §8.1.3, nothing: §4.99 and §12.").Should().Equal("4.99", "12");
    }

    [Fact]
    public void The_guide_names_the_conformance_command_and_its_document()
    {
        Guide.Should().Contain("tanky-hub conformance run --device").And.Contain("(conformance.md)");
    }
}
