using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TanKy.Hub.Accounts;
using TanKy.Hub.Devices;
using TanKy.Hub.Hosting;
using TanKy.Hub.Storage;

namespace TanKy.Hub.Cli;

/// <summary>
/// What a CLI command works on: the data directory's database, whether or not the hub runs
/// (SQLite WAL lets both write; the hub rereads the registry on every connect).
/// </summary>
internal sealed class CliContext
{
    public CliContext(string? dataDir, string[] configArgs)
    {
        Configuration = HubConfiguration.ForCli(configArgs);
        Options = Configuration.GetSection(HubOptions.Section).Get<HubOptions>() ?? new HubOptions();
        if (dataDir is not null)
        {
            Options.DataDir = dataDir;
        }

        Db = new Database(Options.DataDir);
        Db.Migrate();
        Devices = new DeviceRegistry(Db, Time);
        Zones = new ZoneRegistry(Db, Time);
        Users = new UserStore(Db, Time);
        Tokens = new TokenService(Db, Users, Time);
    }

    public IConfiguration Configuration { get; }

    public HubOptions Options { get; }

    public TimeProvider Time { get; } = TimeProvider.System;

    public Database Db { get; }

    public DeviceRegistry Devices { get; }

    public ZoneRegistry Zones { get; }

    public UserStore Users { get; }

    public TokenService Tokens { get; }

    public DeviceImporter Importer => new(Db, Devices, Zones);

    public FleetExporter Exporter => new(Db, Devices);

    public IOptions<HubOptions> WrappedOptions => Microsoft.Extensions.Options.Options.Create(Options);

    public static NullLoggerFactory NoLogs => NullLoggerFactory.Instance;
}
