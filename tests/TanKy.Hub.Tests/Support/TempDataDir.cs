using Microsoft.Extensions.Time.Testing;
using TanKy.Hub.Devices;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Tests.Support;

/// <summary>A fresh data directory with a migrated database, deleted on dispose.</summary>
public sealed class TempDataDir : IDisposable
{
    public TempDataDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tanky-test-" + Guid.NewGuid().ToString("N")[..12]);
        Db = new Database(Path);
        Db.Migrate();
        Devices = new DeviceRegistry(Db, Time);
        Zones = new ZoneRegistry(Db, Time);
    }

    public string Path { get; }

    public Database Db { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 28, 6, 0, 0, TimeSpan.FromHours(7)));

    public DeviceRegistry Devices { get; }

    public ZoneRegistry Zones { get; }

    /// <summary>Two hamlets with one speaker each; returns the speakers' secrets.</summary>
    public (string SpeakerA, string SpeakerB) SeedTwoHamlets()
    {
        Zones.Add("khoi-1", "Khối 1");
        Zones.Add("xom-3", "Xóm 3");
        var a = Devices.Add(new NewDevice("loa-khoi-1-a", Protocol.DeviceKind.Speaker, ["khoi-1"], "Cụm loa Khối 1"));
        var b = Devices.Add(new NewDevice("loa-xom-3-a", Protocol.DeviceKind.Speaker, ["xom-3"], "Cụm loa Xóm 3"));
        return (a, b);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
