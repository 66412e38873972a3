using Dapper;
using TanKy.Hub.Broker;
using TanKy.Hub.Tests.Support;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Tests.Broker;

/// <summary>
/// A hub database with three devices, the Mosquitto configuration exported from it, and a real
/// <c>mosquitto -c mosquitto.conf</c> on a loopback port of its own (<see cref="PortRetry"/>:
/// mosquitto cannot bind port 0), killed on dispose.
/// </summary>
public sealed class MosquittoFixture : IAsyncLifetime
{
    public const string Site = EmbeddedBrokerHarness.Site;
    public const string ToolsPassword = "tools-secret";

    private readonly TempDataDir _outDir = new();
    private MosquittoProcess? _mosquitto;

    internal TempDataDir DataDir { get; } = new();

    public HubOptions HubOptions { get; private set; } = new();

    public BrokerOptions BrokerOptions { get; private set; } = new();

    internal MosquittoExportResult Export { get; private set; } = null!;

    public string OutDir => _outDir.Path;

    public int Port { get; private set; }

    public string MosquittoLog => _mosquitto?.Log ?? "";

    public async Task InitializeAsync()
    {
        SeedDevices();
        HubOptions = new HubOptions { Site = Site, DataDir = DataDir.Path };
        var toolsHash = SecretHasher.Hash(ToolsPassword, 1000);
        (_mosquitto, Port) = await PortRetry.StartAsync(port =>
        {
            BrokerOptions = new BrokerOptions
            {
                Mode = BrokerMode.External,
                Port = port,
                MaxConnections = 50,
                Tools = new BrokerToolsOptions { Enabled = true, PasswordHash = toolsHash },
                External = new ExternalBrokerOptions { Host = "127.0.0.1", Port = port },
            };
            Export = MosquittoConfigExporter.Export(DataDir.Db, HubOptions, BrokerOptions, _outDir.Path);
            return MosquittoProcess.StartAsync(Export.ConfigFile);
        });
    }

    public async Task DisposeAsync()
    {
        if (_mosquitto is not null)
        {
            await _mosquitto.DisposeAsync();
        }
        _outDir.Dispose();
        DataDir.Dispose();
    }

    private void SeedDevices()
    {
        using var db = DataDir.Db.Open();
        foreach (var zone in new[] { "z1", "z2", "z3" })
        {
            db.Execute("INSERT INTO zones(id, name, created_at) VALUES (@zone, @zone, 0)", new { zone });
        }

        void Device(string id, string secret, params string[] zones)
        {
            db.Execute(
                "INSERT INTO devices(id, kind, name, secret_hash, secret_set_at, created_at) VALUES (@id, 'speaker', @id, @hash, 0, 0)",
                new { id, hash = SecretHasher.Hash(secret, SecretHasher.DeviceSecretIterations) });
            foreach (var zone in zones)
            {
                db.Execute("INSERT INTO device_zones(device_id, zone_id) VALUES (@id, @zone)", new { id, zone });
            }
        }

        Device("dev-a", "secret-a", "z1", "z2");
        Device("dev-b", "secret-b", "z3");
        Device("tools-1", "whatever"); // a reserved name: must not be exported
    }
}
