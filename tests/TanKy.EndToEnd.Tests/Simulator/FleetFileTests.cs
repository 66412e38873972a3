using TanKy.DeviceSim.Fleet;
using TanKy.Protocol;

namespace TanKy.EndToEnd.Tests.Simulator;

public sealed class FleetFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tanky-fleet-").FullName;

    [Fact]
    public void Loads_the_file_written_by_export_fleet()
    {
        var path = Write("""
            {"v":1,"site":"tan-ky","broker":{"host":"127.0.0.1","port":1883,"tls":false},
             "devices":[{"id":"loa-khoi-1-a","kind":"speaker","zones":["khoi-1"],"secret":"x1","name":"Cụm loa Khối 1","lat":19.05,"lon":105.25},
                        {"id":"wifi-ubnd","kind":"wifi-ap","secret":"x2"}]}
            """);

        var fleet = FleetFile.Load(path);

        fleet.Site.Should().Be("tan-ky");
        fleet.BrokerPort.Should().Be(1883);
        fleet.Devices.Should().HaveCount(2);
        fleet.Devices[0].Should().BeEquivalentTo(new FleetDevice("loa-khoi-1-a", DeviceKind.Speaker, "x1", "Cụm loa Khối 1", 19.05, 105.25));
        fleet.Warnings.Should().ContainSingle("the old file's zones are read only to be named as ignored")
            .Which.Should().Contain("devices[0] ('loa-khoi-1-a')").And.Contain("\"zones\" is ignored");
    }

    [Fact]
    public void A_file_with_factory_data_only_has_no_warning()
    {
        var path = Write("""
            {"v":1,"site":"tan-ky","broker":{"host":"127.0.0.1","port":1883,"tls":false},
             "devices":[{"id":"loa-khoi-1-a","kind":"speaker","secret":"x1"}]}
            """);

        var fleet = FleetFile.Load(path);

        fleet.Warnings.Should().BeEmpty();
        fleet.Devices.Should().ContainSingle().Which.Should().BeEquivalentTo(new FleetDevice("loa-khoi-1-a", DeviceKind.Speaker, "x1", null, null, null));
    }

    [Fact]
    public void A_missing_file_is_named_in_the_error()
    {
        var path = Path.Combine(_dir, "nope.json");

        var act = () => FleetFile.Load(path);

        act.Should().Throw<FleetFileException>().Which.Message.Should().StartWith(path).And.Contain("cannot read");
    }

    [Fact]
    public void Broken_json_reports_the_line()
    {
        var path = Write("{\"v\":1,\n\"site\":\"tan-ky\",\n\"devices\": [,]}");

        var ex = FluentActions.Invoking(() => FleetFile.Load(path)).Should().Throw<FleetFileException>().Which;

        ex.Message.Should().StartWith(path).And.Contain("line 3");
    }

    [Fact]
    public void Every_problem_is_listed_with_the_device_it_belongs_to()
    {
        var path = Write("""
            {"v":2,"site":"Tân Kỳ","broker":{"host":"","port":70000},
             "devices":[{"id":"loa-1","kind":"siren","secret":"s"},
                        {"id":"loa-1","kind":"speaker","zones":["Khối 1"]},
                        {"kind":"camera","secret":"s"}]}
            """);

        var problems = FluentActions.Invoking(() => FleetFile.Load(path)).Should().Throw<FleetFileException>().Which.Problems;

        problems.Should().BeEquivalentTo(
            "\"v\" is 2, this simulator reads version 1",
            "site 'Tân Kỳ' is missing or not a valid slug (a–z, 0–9, '-')",
            "broker.host is missing",
            "broker.port '70000' is missing or not 1–65535",
            "devices[0] ('loa-1'): kind 'siren' is not speaker, wifi-ap, camera, led-board or gateway",
            "devices[1] ('loa-1'): id appears twice",
            "devices[1] ('loa-1'): secret is missing",
            "devices[2]: id is missing or invalid (1–48 of a–z, 0–9, '-')");
    }

    [Fact]
    public void An_empty_fleet_is_refused()
    {
        var path = Write("""{"v":1,"site":"tan-ky","broker":{"host":"127.0.0.1","port":1883},"devices":[]}""");

        FluentActions.Invoking(() => FleetFile.Load(path)).Should().Throw<FleetFileException>()
            .Which.Problems.Should().Equal("devices is missing or empty");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string json)
    {
        var path = Path.Combine(_dir, "fleet.json");
        File.WriteAllText(path, json);
        return path;
    }
}
