namespace TanKy.Protocol.Tests;

public sealed class Identifiers_Tests
{
    [Theory]
    [InlineData("a")]
    [InlineData("0")]
    [InlineData("spk-07")]
    [InlineData("tan-ky")]
    [InlineData("x-")]
    [InlineData("a--b")]
    [InlineData("123456789012345678901234567890123456789012345678")]
    public void IsValid_accepts_under_the_grammar(string id)
    {
        Identifiers.IsValid(id).Should().BeTrue();
        Identifiers.Require(id, "id").Should().Be(id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-a")]
    [InlineData("A")]
    [InlineData("spk_07")]
    [InlineData("spk.07")]
    [InlineData("spk 07")]
    [InlineData("spk/07")]
    [InlineData("+")]
    [InlineData("#")]
    [InlineData("xóm")]
    [InlineData("1234567890123456789012345678901234567890123456789")]
    public void IsValid_refuses_outside_the_grammar(string id)
    {
        Identifiers.IsValid(id).Should().BeFalse();
        ((Action)(() => Identifiers.Require(id, "device id"))).Should().Throw<ArgumentException>().WithMessage("*device id*");
    }

    [Fact]
    public void Max_length_is_48()
    {
        ProtocolConstants.MaxIdLength.Should().Be(48);
    }
}

public sealed class DeviceKinds_Tests
{
    [Theory]
    [InlineData(DeviceKind.Speaker, "speaker")]
    [InlineData(DeviceKind.WifiAp, "wifi-ap")]
    [InlineData(DeviceKind.Camera, "camera")]
    [InlineData(DeviceKind.LedBoard, "led-board")]
    [InlineData(DeviceKind.Gateway, "gateway")]
    public void Wire_names_round_trip_under_every_kind(DeviceKind kind, string wire)
    {
        kind.ToWire().Should().Be(wire);
        DeviceKinds.Parse(wire).Should().Be(kind);
        DeviceKinds.TryParse(wire, out var parsed).Should().BeTrue();
        parsed.Should().Be(kind);
    }

    [Fact]
    public void All_lists_the_five_kinds()
    {
        DeviceKinds.All.Should().HaveCount(5);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Speaker")]
    [InlineData("wifi_ap")]
    [InlineData("siren")]
    public void TryParse_refuses_under_unknown_wire_names(string? wire)
    {
        DeviceKinds.TryParse(wire, out var kind).Should().BeFalse();
        kind.Should().BeNull();
        if (wire is not null)
        {
            ((Action)(() => DeviceKinds.Parse(wire))).Should().Throw<FormatException>();
        }
    }
}
