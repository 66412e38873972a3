using TanKy.Hub.Emergency;
using TanKy.Hub.Emergency.Cap;
using TanKy.Protocol;

namespace TanKy.Hub.Tests.Emergency;

/// <summary>Each realistic alert gives exactly the expected decision over the sample commune.</summary>
public sealed class CapDecision_Tests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 6, 0, 0, TimeSpan.FromHours(7));
    private readonly CommuneFixture _commune = new();

    public void Dispose() => _commune.Dispose();

    [Fact]
    public void Typhoon_for_Nghe_An_is_an_emergency_for_every_hamlet_by_geocode_in_Vietnamese()
    {
        var decision = Decide(CapSamples.Typhoon());

        decision.Action.Should().Be(CapAction.Broadcast);
        decision.Class.Should().Be(BulletinClass.Emergency);
        decision.Zones.Should().HaveCount(12).And.Contain(["khoi-1", "xom-6"]);
        decision.ZoneSources.Should().ContainSingle().Which.Should().Be("geocode ISO3166-2=VN-22");
        decision.SpeechText.Should().Be("Bão số 3 đổ bộ vào Nghệ An, đề nghị bà con sơ tán khẩn cấp. Bà con vùng trũng thấp di chuyển đến nhà văn hoá khối, chằng chống nhà cửa, không ra đồng.");
        decision.LedText.Should().Be("Bão số 3 đổ bộ vào Nghệ An, đề nghị bà con sơ tán khẩn cấp");
        decision.Expires.Should().Be(new DateTimeOffset(2026, 11, 29, 18, 0, 0, TimeSpan.FromHours(7)));
    }

    [Fact]
    public void Flood_polygon_reaches_exactly_the_two_hamlets_whose_speakers_are_inside()
    {
        var decision = Decide(CapSamples.Flood());

        decision.Action.Should().Be(CapAction.Broadcast);
        decision.Class.Should().Be(BulletinClass.Emergency);
        decision.Zones.Should().Equal("xom-3", "xom-4");
        decision.ZoneSources.Should().ContainSingle().Which.Should().StartWith("polygon");
    }

    [Fact]
    public void An_update_replaces_what_its_references_started()
    {
        var decision = Decide(CapSamples.FloodUpdate());

        decision.Action.Should().Be(CapAction.Update);
        decision.Zones.Should().Equal("xom-3", "xom-4");
        decision.References.Should().ContainSingle().Which.Identifier.Should().Be("PCTT-TK-2026-041");
        decision.LedText.Should().StartWith("Lũ quét lan rộng");
    }

    [Fact]
    public void A_cancel_stops_its_references()
    {
        var decision = Decide(CapSamples.Cancel("PCTT-TK-2026-043", "PCTT-TK-2026-041", "PCTT-TK-2026-042"));

        decision.Action.Should().Be(CapAction.Cancel);
        decision.References.Select(r => r.Identifier).Should().Equal("PCTT-TK-2026-041", "PCTT-TK-2026-042");
        decision.Zones.Should().BeEmpty();
    }

    [Theory]
    [InlineData("Test")]
    [InlineData("Exercise")]
    [InlineData("System")]
    [InlineData("Draft")]
    public void Non_actual_status_is_recorded_only(string status)
    {
        var decision = Decide(CapSamples.Typhoon(status: status));

        decision.Action.Should().Be(CapAction.RecordOnly);
        decision.Reason.Should().Contain(status);
        decision.Zones.Should().BeEmpty();
    }

    [Fact]
    public void A_duplicate_identifier_is_ignored()
    {
        Decide(CapSamples.Typhoon(), seen: true).Should().Match<CapDecision>(d => d.Action == CapAction.Ignore && d.Reason.StartsWith("duplicate"));
    }

    [Fact]
    public void An_expired_alert_is_recorded_not_played()
    {
        var decision = Decide(CapSamples.Typhoon(expires: "2026-11-28T05:59:59+07:00"));

        decision.Action.Should().Be(CapAction.RecordOnly);
        decision.Reason.Should().Contain("expired");
    }

    [Theory]
    [InlineData("Ack")]
    [InlineData("Error")]
    public void Ack_and_error_are_ignored(string msgType)
    {
        Decide(CapSamples.Alert("ACK-1", "Actual", msgType, null, "")).Action.Should().Be(CapAction.Ignore);
    }

    [Fact]
    public void AreaDesc_names_hamlets_without_diacritics_when_there_is_no_geocode_or_shape()
    {
        var xml = CapSamples.Typhoon()
            .Replace("<areaDesc>Tỉnh Nghệ An</areaDesc>", "<areaDesc>KHOI 2; xom 4 - hoa binh và Liên Sơn</areaDesc>")
            .Replace("<geocode><valueName>ISO3166-2</valueName><value>VN-22</value></geocode>", "");

        var decision = Decide(xml);

        decision.Zones.Should().Equal("khoi-2", "xom-3", "xom-4");
        decision.ZoneSources.Should().ContainSingle().Which.Should().StartWith("areaDesc");
    }

    [Fact]
    public void A_circle_around_one_speaker_reaches_its_hamlet()
    {
        var xml = CapSamples.Flood().Replace(CapSamples.Flood().Split("<polygon>")[1].Split("</polygon>")[0], "X")
            .Replace("<polygon>X</polygon>", "<circle>19.06161,105.27447 0.05</circle>");

        Decide(xml).Zones.Should().Equal("xom-1");
    }

    [Fact]
    public void An_area_outside_the_commune_is_ignored()
    {
        var xml = CapSamples.Typhoon().Replace("VN-22", "VN-23").Replace("Tỉnh Nghệ An", "Tỉnh Hà Tĩnh");

        Decide(xml).Should().Match<CapDecision>(d => d.Action == CapAction.Ignore && d.Reason.Contains("no area"));
    }

    [Theory]
    [InlineData(CapUrgency.Immediate, CapSeverity.Extreme, CapCertainty.Observed, BulletinClass.Emergency)]
    [InlineData(CapUrgency.Expected, CapSeverity.Severe, CapCertainty.Likely, BulletinClass.Emergency)]
    [InlineData(CapUrgency.Future, CapSeverity.Extreme, CapCertainty.Observed, BulletinClass.Priority)]
    [InlineData(CapUrgency.Immediate, CapSeverity.Moderate, CapCertainty.Possible, BulletinClass.Priority)]
    [InlineData(CapUrgency.Expected, CapSeverity.Minor, CapCertainty.Observed, BulletinClass.Normal)]
    [InlineData(CapUrgency.Unknown, CapSeverity.Extreme, CapCertainty.Observed, BulletinClass.Normal)]
    [InlineData(CapUrgency.Past, CapSeverity.Extreme, CapCertainty.Observed, null)]
    [InlineData(CapUrgency.Immediate, CapSeverity.Extreme, CapCertainty.Unlikely, null)]
    public void The_class_table(CapUrgency u, CapSeverity s, CapCertainty c, BulletinClass? expected)
    {
        CapClassTable.Classify(u, s, c).Should().Be(expected);
    }

    [Fact]
    public void The_class_table_in_the_docs_is_the_one_in_the_code()
    {
        var docs = File.ReadAllText(Path.Combine(RepoRoot(), "hub", "docs", "emergency.md")).Replace("\r\n", "\n");

        docs.Should().Contain(CapClassTable.ToMarkdown(), "hub/docs/emergency.md must show the table CapClassTable applies");
    }

    [Fact]
    public void Speech_and_led_texts_are_cut_at_their_limits()
    {
        var info = CapParser.Parse(CapSamples.Bytes(CapSamples.Typhoon())).Alert!.Infos[0];

        CapContent.LedText(info, 30).Should().Be("Bão số 3 đổ bộ vào Nghệ An,…");
        CapContent.SpeechText(info, 60).Length.Should().BeLessThanOrEqualTo(60);
    }

    private CapDecision Decide(string xml, bool seen = false)
    {
        var parsed = CapParser.Parse(CapSamples.Bytes(xml));
        parsed.Errors.Should().BeEmpty();
        return CapDecider.Decide(parsed.Alert!, new CapDecisionContext(Now, seen, _commune.Map()));
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TanKy.Iot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
