using System.Text;
using TanKy.Hub.Emergency.Cap;

namespace TanKy.Hub.Tests.Emergency;

/// <summary>Issue #14: CAP XML is bounded in size and nesting before a tree is built; DTDs stay refused.</summary>
public sealed class CapHostileInput_Tests
{
    [Fact]
    public void Elements_nested_deeper_than_the_cap_are_refused_with_their_position()
    {
        var xml = new StringBuilder("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">\n");
        for (var i = 0; i < 20_000; i++)
        {
            xml.Append("<x>");
        }

        var result = CapParser.Parse(Encoding.UTF8.GetBytes(xml.ToString()));

        result.Alert.Should().BeNull();
        // Depth 0 is <alert>; the 32nd <x> (1-based column 2 + 31 × 3) is depth 32.
        result.Errors.Should().ContainSingle().Which.Should().Be($"alert (line 2, column {2 + (31 * 3)}): elements nested deeper than {CapParser.MaxDepth} levels");
    }

    [Fact]
    public void A_genuine_alert_is_well_inside_the_depth_cap()
    {
        CapParser.Parse(CapSamples.Bytes(CapSamples.Typhoon())).Alert.Should().NotBeNull();
    }

    [Fact]
    public void A_message_over_the_size_cap_is_refused_before_parsing_and_a_DTD_is_refused()
    {
        var big = CapSamples.Bytes(CapSamples.Typhoon().Replace("</alert>", "<note>" + new string('x', CapParser.DefaultMaxBytes) + "</note></alert>", StringComparison.Ordinal));
        var dtd = CapSamples.Bytes("<?xml version=\"1.0\"?><!DOCTYPE alert [<!ENTITY a \"aaaa\">]>" + CapSamples.Typhoon().Replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "", StringComparison.Ordinal));

        CapParser.Parse(new MemoryStream(big)).Errors.Should().ContainSingle().Which.Should().Contain($"larger than {CapParser.DefaultMaxBytes} bytes");
        CapParser.Parse(dtd).Errors.Should().ContainSingle().Which.Should().Contain("DTDs and entity declarations are not allowed");
    }
}
