using System.Text;

namespace TanKy.Protocol.Tests;

/// <summary>
/// hub/docs/protocol.md cannot drift from the code: every ```json example names its topic in
/// the info string, validates, and equals a golden literal; every golden literal is in the document.
/// </summary>
public sealed class ProtocolDocument_Tests
{
    internal static readonly string Document = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "protocol.md"));

    /// <summary>Every ```json example with its topic; also read by Contract/ProtocolExamplesContract_Tests.</summary>
    internal static List<MarkdownExamples.Example> JsonExamples() => MarkdownExamples.Json(Document);

    [Fact]
    public void Document_has_an_example_for_every_golden_message()
    {
        JsonExamples().Should().HaveCount(Golden.All.Count);
    }

    [Fact]
    public void Every_json_example_names_a_topic_and_is_one_line()
    {
        foreach (var ex in JsonExamples())
        {
            ex.Topic.Should().NotBeEmpty($"the example at protocol.md:{ex.Line} must name its topic after ```json");
            ex.Json.Should().NotContain("\n", $"protocol.md:{ex.Line} shows the exact bytes on the wire");
        }
    }

    [Fact]
    public void Every_json_example_validates_on_its_topic()
    {
        foreach (var ex in JsonExamples())
        {
            var result = PayloadValidator.Validate("tan-ky", ex.Topic, Encoding.UTF8.GetBytes(ex.Json));

            result.Error.Should().Be(ProtocolError.None, $"protocol.md:{ex.Line} {ex.Json}: {result.Reason}");
        }
    }

    [Theory]
    [MemberData(nameof(Golden.Names), MemberType = typeof(Golden))]
    public void Golden_literal_appears_in_the_document_under_its_topic(string name)
    {
        var golden = Golden.Get(name);

        JsonExamples().Should().ContainSingle(ex => ex.Json == golden.Json && ex.Topic == golden.Topic,
            $"protocol.md must show the golden '{name}' bytes exactly once, on {golden.Topic}");
    }

    [Fact]
    public void Every_example_topic_in_the_topic_list_parses()
    {
        var block = MarkdownExamples.Fence().Matches(Document)
            .Select(m => m.Groups["body"].Value)
            .Single(b => b.StartsWith("tanky/v1/tan-ky/hub/state\n", StringComparison.Ordinal));

        var topics = block.Split('\n');

        topics.Should().HaveCount(Enum.GetValues<TopicKind>().Length);
        topics.Select(t => Topics.TryParse(t, out var p) ? p.Kind : (TopicKind?)null)
            .Should().BeEquivalentTo(Enum.GetValues<TopicKind>().Cast<TopicKind?>());
    }

    [Theory]
    [InlineData(ProtocolError.UnknownTopic)]
    [InlineData(ProtocolError.ForeignSite)]
    [InlineData(ProtocolError.TooLarge)]
    [InlineData(ProtocolError.BadJson)]
    [InlineData(ProtocolError.WrongVersion)]
    [InlineData(ProtocolError.Schema)]
    public void Every_refusal_reason_is_documented(ProtocolError error)
    {
        Document.Should().Contain($"| `{error}` |");
    }

    [Fact]
    public void Documented_limits_match_the_constants()
    {
        ProtocolConstants.MaxJsonPayloadBytes.Should().Be(4096);
        ProtocolConstants.MaxStreamPayloadBytes.Should().Be(8192);
        ProtocolConstants.MaxIdLength.Should().Be(48);
        ProtocolConstants.RootPrefix.Should().Be("tanky/v1");
        Document.Should().Contain("≤ 4 096 bytes").And.Contain("≤ 8 192 bytes").And.Contain("1–48 characters");
    }
}
