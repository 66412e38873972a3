using System.Text.Json;
using System.Text.Json.Serialization;

namespace TanKy.Protocol.Tests;

/// <summary>
/// The wire names read from <see cref="JsonStringEnumMemberNameAttribute"/> are the strings the
/// hand-written <c>ToWire()</c> switches produced before them (table copied from those switches).
/// </summary>
public sealed class EnumWire_Tests
{
    [Fact]
    public void Device_kinds_keep_their_wire_names() => WireTable.ShouldBe(new Dictionary<DeviceKind, string>
    {
        [DeviceKind.Speaker] = "speaker",
        [DeviceKind.WifiAp] = "wifi-ap",
        [DeviceKind.Camera] = "camera",
        [DeviceKind.LedBoard] = "led-board",
        [DeviceKind.Gateway] = "gateway",
    });

    [Fact]
    public void Bulletin_classes_keep_their_wire_names() => WireTable.ShouldBe(new Dictionary<BulletinClass, string>
    {
        [BulletinClass.Normal] = "normal",
        [BulletinClass.Priority] = "priority",
        [BulletinClass.Emergency] = "emergency",
    });

    [Fact]
    public void Preemption_policies_keep_their_wire_names() => WireTable.ShouldBe(new Dictionary<PreemptionPolicy, string>
    {
        [PreemptionPolicy.Resume] = "resume",
        [PreemptionPolicy.Restart] = "restart",
        [PreemptionPolicy.Skip] = "skip",
    });

    [Fact]
    public void Bulletin_classes_rise_in_precedence() =>
        // The zone arbiter compares classes with '>': the order is the rule.
        Enum.GetValues<BulletinClass>().Should().BeInAscendingOrder().And.Equal(BulletinClass.Normal, BulletinClass.Priority, BulletinClass.Emergency);

    [Theory]
    [InlineData("Normal")]
    [InlineData("NORMAL")]
    [InlineData("0")]
    [InlineData("")]
    [InlineData(" normal")]
    [InlineData(null)]
    public void Only_exact_wire_names_parse(string? text)
    {
        EnumWire.TryParse<BulletinClass>(text, out var value).Should().BeFalse();
        value.Should().BeNull();
    }

    [Fact]
    public void An_undefined_value_has_no_wire_name() =>
        ((Action)(() => ((DeviceKind)99).ToWire())).Should().Throw<ArgumentOutOfRangeException>();
}

/// <summary>Checks one enum against its table: every member, both directions, and JSON through the same attribute.</summary>
internal static class WireTable
{
    public static void ShouldBe<T>(IReadOnlyDictionary<T, string> table)
        where T : struct, Enum
    {
        Enum.GetValues<T>().Should().BeEquivalentTo(table.Keys, "every member of {0} has a row in the table", typeof(T).Name);
        var json = new JsonSerializerOptions { Converters = { new JsonStringEnumConverter<T>() } };
        foreach (var (value, wire) in table)
        {
            value.ToWire().Should().Be(wire);
            EnumWire.TryParse<T>(wire, out var parsed).Should().BeTrue();
            parsed.Should().Be(value);
            JsonSerializer.Serialize(value, json).Should().Be($"\"{wire}\"");
            JsonSerializer.Deserialize<T>($"\"{wire}\"", json).Should().Be(value);
        }

        EnumWire.Names<T>().Should().Equal(Enum.GetValues<T>().Select(v => table[v]));
    }
}
