using TanKy.Hub.Devices;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.Devices;

public sealed class DeviceImporter_Tests : IDisposable
{
    private readonly TempDataDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private DeviceImporter Importer => new(_dir.Db, _dir.Devices, _dir.Zones);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir.Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Yaml_import_adds_zones_and_devices_with_secrets_then_updates_on_reimport()
    {
        var path = Write("c.yaml", """
            zones:
              - id: khoi-1
                name: Khối 1
            devices:
              - id: loa-khoi-1-a
                kind: speaker
                name: Cụm loa Khối 1
                zones: [khoi-1]
                lat: 19.04
                lon: 105.27
            """);

        var first = Importer.ImportFile(path);
        first.Should().ContainSingle().Which.Should().Match<ImportResult>(r => r.Action == "added" && r.Secret != null);
        _dir.Devices.Authenticate("loa-khoi-1-a", first[0].Secret!).Should().NotBeNull();

        var second = Importer.ImportFile(path);
        second.Should().ContainSingle().Which.Action.Should().Be("updated");
        _dir.Devices.Authenticate("loa-khoi-1-a", first[0].Secret!).Should().NotBeNull("re-import keeps the secret");
        _dir.Devices.Get("loa-khoi-1-a")!.Name.Should().Be("Cụm loa Khối 1");
    }

    [Fact]
    public void Csv_import_reads_quoted_vietnamese_names_and_several_zones()
    {
        _dir.Zones.Add("khoi-1", "Khối 1");
        _dir.Zones.Add("khoi-2", "Khối 2");
        var path = Write("d.csv", "id,kind,zones,name,lat,lon\nwifi-1,wifi-ap,khoi-1;khoi-2,\"Wi-Fi Nhà văn hoá, Khối 1\",19.05,105.26\n");

        Importer.ImportFile(path).Should().ContainSingle();

        var d = _dir.Devices.Get("wifi-1")!;
        d.Name.Should().Be("Wi-Fi Nhà văn hoá, Khối 1");
        d.Zones.Should().Equal("khoi-1", "khoi-2");
        d.Lat.Should().Be(19.05);
    }

    [Fact]
    public void A_bad_row_imports_nothing_and_names_the_line()
    {
        _dir.Zones.Add("khoi-1", "Khối 1");
        var path = Write("d.csv", "id,kind,zones\nloa-1,speaker,khoi-1\nloa-2,toaster,khoi-1\n");

        var act = () => Importer.ImportFile(path);

        act.Should().Throw<RegistryException>().WithMessage("*d.csv:3:*unknown kind 'toaster'*");
        _dir.Devices.List().Should().BeEmpty("the file is one transaction");
    }

    [Fact]
    public void Broken_yaml_reports_line_and_column()
    {
        var path = Write("bad.yaml", "zones:\n  - id: khoi-1\n    name: [unclosed\n");

        var act = () => Importer.ImportFile(path);

        act.Should().Throw<RegistryException>().WithMessage("*bad.yaml:*:*");
    }

    [Fact]
    public void Csv_without_required_columns_is_refused()
    {
        var path = Write("h.csv", "name,lat\nx,1\n");

        var act = () => Importer.ImportFile(path);

        act.Should().Throw<RegistryException>().WithMessage("*id, kind, zones*");
    }

    [Fact]
    public void The_bundled_sample_commune_imports_cleanly()
    {
        var sample = Path.Combine(AppContext.BaseDirectory, "commune", "tan-ky.yaml");

        var results = Importer.ImportFile(sample);

        results.Should().HaveCount(51);
        _dir.Zones.List().Should().HaveCount(12);
        _dir.Devices.List(kind: Protocol.DeviceKind.Speaker).Should().HaveCount(30);
        _dir.Devices.List().Should().OnlyContain(d => d.Lat > 18.9 && d.Lat < 19.2 && d.Lon > 105.1 && d.Lon < 105.4);
    }
}
