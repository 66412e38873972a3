using System.Text.Json;
using TanKy.Hub.Devices;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.Devices;

public sealed class FleetExporter_Tests : IDisposable
{
    private readonly TempDataDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Export_writes_working_fresh_secrets_in_a_private_file()
    {
        var (old, _) = _dir.SeedTwoHamlets();
        var file = Path.Combine(_dir.Path, "fleet.json");

        var n = new FleetExporter(_dir.Db, _dir.Devices).Export(file, "tan-ky", "127.0.0.1", 1883, tls: false, zone: "khoi-1");

        n.Should().Be(1);
        File.GetUnixFileMode(file).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        using var doc = JsonDocument.Parse(File.ReadAllText(file));
        doc.RootElement.GetProperty("site").GetString().Should().Be("tan-ky");
        var device = doc.RootElement.GetProperty("devices")[0];
        device.GetProperty("id").GetString().Should().Be("loa-khoi-1-a");
        device.GetProperty("kind").GetString().Should().Be("speaker");
        var secret = device.GetProperty("secret").GetString()!;
        _dir.Devices.Authenticate("loa-khoi-1-a", secret).Should().NotBeNull();
        _dir.Devices.Authenticate("loa-khoi-1-a", old).Should().BeNull("export issues new secrets");
    }
}
