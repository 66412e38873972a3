using Microsoft.Extensions.Logging.Abstractions;
using TanKy.Hub.Emergency.Cap;

namespace TanKy.Hub.Tests.Emergency;

/// <summary>
/// Issue #17, item 13: CAP areas as real senders write them reach the right hamlets of the sample
/// commune with the rules shipped in commune/tan-ky.yaml (no Alerts:Cap settings), and names of
/// other places reach nothing. Decisions are taken at the data directory's clock (2026-11-28 06:00 +07:00).
/// </summary>
public sealed class CapAreaMatching_Tests : IDisposable
{
    private static readonly string[] Everyone = ["khoi-1", "khoi-2", "khoi-3", "khoi-4", "khoi-5", "khoi-6", "xom-1", "xom-2", "xom-3", "xom-4", "xom-5", "xom-6"];
    private readonly CommuneFixture _commune = new();

    public void Dispose() => _commune.Dispose();

    [Fact]
    public void A_geocode_only_alert_for_the_communes_code_reaches_every_hamlet()
    {
        var decision = Decide(Area("Vùng trũng ven sông Con", "VN-MaDVHC", "17380"));

        decision.Action.Should().Be(CapAction.Broadcast);
        decision.Zones.Should().Equal(Everyone);
        decision.ZoneSources.Should().Equal("geocode VN-MaDVHC=17380");
    }

    [Fact]
    public void A_geocode_only_alert_for_a_hamlets_code_reaches_that_hamlet()
    {
        Decide(Area("Khu vực ngập sâu", "VN-MaThon", "17380-X05")).Zones.Should().Equal("xom-5");
    }

    [Theory]
    [InlineData("ISO3166-2", "VN-22")]
    [InlineData("VN-MaDVHC", "40")]
    [InlineData("VN-MaDVHC", "415")]
    public void The_province_and_district_codes_cover_the_commune(string valueName, string value)
    {
        Decide(Area("Khu vực ngập sâu", valueName, value)).Zones.Should().Equal(Everyone);
    }

    [Theory]
    [InlineData("Thôn Vĩnh Phúc")]
    [InlineData("thon vinh phuc")]
    [InlineData("Làng Vĩnh Phúc")]
    [InlineData("Xóm số 5")]
    [InlineData("Thôn 5")]
    [InlineData("Vĩnh Phúc")]
    [InlineData("Vĩnh Phúc (xóm 5)")]
    [InlineData("Xóm 5 – Vĩnh Phúc")]
    [InlineData("Thôn Vĩnh Phúc, xã Tân Kỳ, huyện Tân Kỳ, tỉnh Nghệ An")]
    [InlineData("Tỉnh Nghệ An - Huyện Tân Kỳ - Xã Tân Kỳ - Thôn Vĩnh Phúc")]
    [InlineData("Vinh Phuc hamlet, Tan Ky commune")]
    public void A_hamlet_is_found_by_its_name_whatever_the_type_word_and_order(string areaDesc)
    {
        var decision = Decide(Area(areaDesc));

        decision.Zones.Should().Equal(["xom-5"], "'{0}' names Xóm 5 – Vĩnh Phúc", areaDesc);
        decision.ZoneSources.Should().ContainSingle().Which.Should().StartWith("areaDesc");
    }

    [Theory]
    [InlineData("xã Tân Kỳ, huyện Tân Kỳ, tỉnh Nghệ An")]
    [InlineData("Xã Tân Kỳ - Huyện Tân Kỳ - Tỉnh Nghệ An")]
    [InlineData("XA TAN KY, HUYEN TAN KY, TINH NGHE AN")]
    [InlineData("tỉnh Nghệ An, huyện Tân Kỳ, xã Tân Kỳ")]
    [InlineData("X. Tân Kỳ, H. Tân Kỳ, T. Nghệ An")]
    [InlineData("Thị trấn Tân Kỳ, huyện Tân Kỳ")]
    [InlineData("xã Tân Kỳ")]
    [InlineData("Tân Kỳ")]
    [InlineData("huyện Tân Kỳ; tỉnh Nghệ An")]
    [InlineData("Tan Ky commune, Tan Ky district, Nghe An province")]
    [InlineData("xã Kỳ Sơn, huyện Tân Kỳ, tỉnh Nghệ An")] // merged into Xã Tân Kỳ on 1 July 2025
    [InlineData("Xã Nghĩa Dũng")]
    [InlineData("xa ky tan, huyen tan ky")]
    public void The_commune_with_its_district_and_province_is_the_whole_commune(string areaDesc)
    {
        var decision = Decide(Area(areaDesc));

        decision.Zones.Should().Equal(Everyone, "'{0}' names the commune", areaDesc);
        decision.ZoneSources.Should().ContainSingle().Which.Should().EndWith("(whole commune)");
    }

    [Fact]
    public void Several_areas_separated_by_semicolons_and_commas_add_up()
    {
        Decide(Area("Khối 1, Khối 2; Xóm 3 – Liên Sơn và thôn Tân An, xã Tân Kỳ")).Zones.Should().Equal("khoi-1", "khoi-2", "xom-3", "xom-6");
    }

    [Theory]
    [InlineData("xã Nghĩa Đồng, huyện Tân Kỳ, tỉnh Nghệ An", "other-place", "xã Nghĩa Đồng")]
    [InlineData("xã Tân Kỳ, huyện Tứ Kỳ, tỉnh Hải Dương", "other-place", "huyện Tứ Kỳ")]
    [InlineData("Xóm 5, xã Nghĩa Đồng", "other-place", "xã Nghĩa Đồng")]
    [InlineData("Thôn Vĩnh Phúc, huyện Yên Lạc, tỉnh Vĩnh Phúc", "other-place", "huyện Yên Lạc")]
    [InlineData("Tỉnh Hà Tĩnh", "other-place", "Tỉnh Hà Tĩnh")]
    [InlineData("Xóm 9, xã Tân Kỳ", "unknown-hamlet", "Xóm 9")]
    [InlineData("Ven sông Lam, tỉnh Nghệ An", "unknown-name", "Ven sông Lam, tỉnh Nghệ An")]
    public void Another_place_matches_nothing_and_says_why(string areaDesc, string code, string detail)
    {
        var decision = Decide(Area(areaDesc));

        decision.Action.Should().Be(CapAction.Ignore);
        decision.Zones.Should().BeEmpty();
        decision.Reason.Should().StartWith("no area matches a zone of this commune");
        decision.Why!.Key.Should().Be("no-zone");
        decision.Why.Misses.Should().Equal(new CapAreaMiss(1, code, detail));
    }

    [Fact]
    public void A_number_alone_does_not_cross_from_khoi_to_xom()
    {
        Decide(Area("Thôn 5")).Zones.Should().Equal("xom-5");
        Decide(Area("Tổ dân phố 5")).Zones.Should().Equal("khoi-5");
    }

    [Fact]
    public void An_unknown_code_and_an_unknown_name_are_both_reported()
    {
        var decision = Decide(Area("Vùng trũng ven sông Con", "VN-MaDVHC", "17401"));

        decision.Zones.Should().BeEmpty();
        decision.Why!.Misses.Should().Equal(
            new CapAreaMiss(1, "geocode", "VN-MaDVHC=17401"),
            new CapAreaMiss(1, "unknown-name", "Vùng trũng ven sông Con"));
    }

    [Fact]
    public void A_configured_rule_overrides_the_commune_files_and_an_empty_file_setting_turns_the_file_off()
    {
        var moved = new CapOptions { Geocodes = [new() { ValueName = "VN-MaThon", Value = "17380-X05", Zones = ["xom-6"] }] };
        Decide(Area("Khu vực ngập sâu", "VN-MaThon", "17380-X05"), moved).Zones.Should().Equal("xom-6");

        var off = new CapOptions { CommuneFile = "" };
        Decide(Area("Khu vực ngập sâu", "VN-MaDVHC", "17380"), off).Zones.Should().BeEmpty();
        Decide(Area("Thôn Vĩnh Phúc"), off).Zones.Should().Equal(["xom-5"], "hamlet names come from the zones, not the file");
    }

    [Fact]
    public void An_operators_commune_file_gives_its_own_codes()
    {
        var file = Path.Combine(_commune.Dir.Path, "xa-khac.yaml");
        File.WriteAllText(file, """
            site: xa-khac
            cap:
              commune:
                names: [Xã Tân Kỳ]
                geocodes: [VN-MaDVHC=99999]
              hamlets:
                - zone: khoi-2
                  names: [Khu chợ]
                  geocodes: [VN-MaThon=K2]
            """);
        var options = new CapOptions { CommuneFile = file };

        Decide(Area("Khu vực ngập sâu", "VN-MaDVHC", "99999"), options).Zones.Should().Equal(Everyone);
        Decide(Area("Khu vực ngập sâu", "VN-MaDVHC", "17380"), options).Zones.Should().BeEmpty();
        Decide(Area("Khu chợ"), options).Zones.Should().Equal("khoi-2");
    }

    private CapDecision Decide(string xml, CapOptions? options = null)
    {
        var parsed = CapParser.Parse(CapSamples.Bytes(xml));
        parsed.IsValid.Should().BeTrue(string.Join(" | ", parsed.Errors));
        var map = new CapAreaRules(options ?? new CapOptions(), NullLogger.Instance).Map(
            _commune.Dir.Zones.List().Select(z => new CapZoneMap.ZonePlace(z.Id, z.Name)).ToList(),
            _commune.Dir.Devices.List().Where(d => d.Lat is not null).Select(d => new CapZoneMap.DevicePlace(d.Id, d.Zones, new GeoPoint(d.Lat!.Value, d.Lon!.Value))).ToList());
        return CapDecider.Decide(parsed.Alert!, new CapDecisionContext(_commune.Dir.Time.GetUtcNow(), false, map));
    }

    /// <summary>A flash-flood warning (emergency class) with one area: a description and, optionally, one geocode.</summary>
    internal static string Area(string areaDesc, string? valueName = null, string? value = null) => CapSamples.Alert("PCTT-TK-2026-090", "Actual", "Alert", null, $"""
        <info>
          <language>vi-VN</language>
          <category>Met</category>
          <event>Lũ quét</event>
          <urgency>Immediate</urgency>
          <severity>Severe</severity>
          <certainty>Observed</certainty>
          <expires>2026-11-28T18:00:00+07:00</expires>
          <headline>Lũ quét, bà con di chuyển lên chỗ cao</headline>
          <area>
            <areaDesc>{System.Security.SecurityElement.Escape(areaDesc)}</areaDesc>
            {(valueName is null ? "" : $"<geocode><valueName>{valueName}</valueName><value>{value}</value></geocode>")}
          </area>
        </info>
        """);
}
