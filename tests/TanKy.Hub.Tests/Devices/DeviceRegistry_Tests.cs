using Dapper;
using TanKy.Hub.Devices;
using TanKy.Hub.Tests.Support;
using TanKy.Protocol;

namespace TanKy.Hub.Tests.Devices;

public sealed class DeviceRegistry_Tests : IDisposable
{
    private readonly TempDataDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Add_stores_only_a_hash_and_the_secret_authenticates()
    {
        var (secret, _) = _dir.SeedTwoHamlets();

        using var c = _dir.Db.Open();
        var stored = c.ExecuteScalar<string>("SELECT secret_hash FROM devices WHERE id = 'loa-khoi-1-a'");
        stored.Should().StartWith("$7$").And.NotContain(secret);

        var access = _dir.Devices.Authenticate("loa-khoi-1-a", secret);
        access.Should().NotBeNull();
        access!.Kind.Should().Be(DeviceKind.Speaker);
        access.Zones.Should().Equal("khoi-1");
    }

    [Fact]
    public void Authenticate_refuses_wrong_secret_unknown_device_and_another_devices_secret()
    {
        var (a, b) = _dir.SeedTwoHamlets();

        _dir.Devices.Authenticate("loa-khoi-1-a", a + "x").Should().BeNull();
        _dir.Devices.Authenticate("loa-khoi-1-a", b).Should().BeNull();
        _dir.Devices.Authenticate("no-such-device", a).Should().BeNull();
        _dir.Devices.Authenticate("loa-khoi-1-a", "").Should().BeNull();
    }

    [Fact]
    public void RotateSecret_invalidates_the_old_secret_even_after_a_cached_success()
    {
        var (old, _) = _dir.SeedTwoHamlets();
        _dir.Devices.Authenticate("loa-khoi-1-a", old).Should().NotBeNull(); // now cached

        var fresh = _dir.Devices.RotateSecret("loa-khoi-1-a");

        _dir.Devices.Authenticate("loa-khoi-1-a", old).Should().BeNull();
        _dir.Devices.Authenticate("loa-khoi-1-a", fresh).Should().NotBeNull();
    }

    [Fact]
    public void Rotation_by_another_process_is_seen_through_the_database()
    {
        var (old, _) = _dir.SeedTwoHamlets();
        _dir.Devices.Authenticate("loa-khoi-1-a", old).Should().NotBeNull();

        // The CLI is another process with its own registry object.
        var cli = new DeviceRegistry(_dir.Db, _dir.Time);
        cli.RotateSecret("loa-khoi-1-a");

        _dir.Devices.Authenticate("loa-khoi-1-a", old).Should().BeNull();
    }

    [Theory]
    [InlineData("Bad_Id", "khoi-1", "invalid device id")]
    [InlineData("loa-1", "khoi-9", "unknown zone 'khoi-9'")]
    [InlineData("loa-khoi-1-a", "khoi-1", "already exists")]
    [InlineData("tanky-hub-tan-ky", "khoi-1", "reserved")]
    [InlineData("tools", "khoi-1", "reserved")]
    public void Add_refuses_invalid_input_with_a_reason(string id, string zone, string reason)
    {
        _dir.SeedTwoHamlets();

        var act = () => _dir.Devices.Add(new NewDevice(id, DeviceKind.Speaker, [zone]));

        act.Should().Throw<RegistryException>().WithMessage($"*{reason}*");
    }

    [Fact]
    public void Remove_keeps_status_history_and_logs_the_change()
    {
        _dir.SeedTwoHamlets();
        using (var c = _dir.Db.Open())
        {
            c.Execute("INSERT INTO status_events(device_id, ts, status, reason) VALUES ('loa-khoi-1-a', 1, 'online', 'birth')");
        }

        _dir.Devices.Remove("loa-khoi-1-a");

        _dir.Devices.Get("loa-khoi-1-a").Should().BeNull();
        using var c2 = _dir.Db.Open();
        c2.ExecuteScalar<long>("SELECT COUNT(*) FROM status_events WHERE device_id = 'loa-khoi-1-a'").Should().Be(1);
        c2.ExecuteScalar<string>("SELECT change FROM device_changes WHERE device_id = 'loa-khoi-1-a' ORDER BY id DESC LIMIT 1").Should().Be("removed");
    }

    [Fact]
    public void List_filters_by_zone_and_kind()
    {
        _dir.SeedTwoHamlets();
        _dir.Devices.Add(new NewDevice("wifi-khoi-1", DeviceKind.WifiAp, ["khoi-1"]));

        _dir.Devices.List(zone: "khoi-1").Select(d => d.Id).Should().Equal("loa-khoi-1-a", "wifi-khoi-1");
        _dir.Devices.List(kind: DeviceKind.Speaker).Select(d => d.Id).Should().Equal("loa-khoi-1-a", "loa-xom-3-a");
        _dir.Devices.List(zone: "xom-3", kind: DeviceKind.WifiAp).Should().BeEmpty();
    }
}
