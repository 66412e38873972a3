using TanKy.Hub.Devices;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.Devices;

/// <summary>Issue #14: a commune/device import file over the size or nesting cap is a clear error naming file:line:column, never a crash.</summary>
public sealed class HostileImportFile_Tests : IDisposable
{
    private readonly TempDataDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private DeviceImporter Importer => new(_dir.Db, _dir.Devices, _dir.Zones);

    [Fact]
    public void A_50000_deep_yaml_file_is_refused_with_its_position_and_nothing_is_imported()
    {
        var path = Path.Combine(_dir.Path, "xa.yaml");
        File.WriteAllText(path, "zones: " + new string('[', 50_000) + new string(']', 50_000) + "\n");

        var act = () => Importer.ImportFile(path);

        act.Should().Throw<RegistryException>().Which.Message.Should().StartWith($"{path}:1:71: ").And.Contain("nested deeper than 64 levels");
        _dir.Zones.List().Should().BeEmpty();
    }

    [Theory]
    [InlineData("xa.yaml")]
    [InlineData("thiet-bi.csv")]
    public void A_file_over_4_MB_is_refused_unread(string name)
    {
        var path = Path.Combine(_dir.Path, name);
        using (var f = File.Create(path))
        {
            f.SetLength(DeviceImporter.Limits.MaxBytes + 1);
        }

        var act = () => Importer.ImportFile(path);

        act.Should().Throw<RegistryException>().Which.Message.Should().StartWith($"{path}:1:1: ").And.Contain("file too large");
    }
}
