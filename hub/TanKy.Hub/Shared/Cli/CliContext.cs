using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Shared.Cli;

/// <summary>
/// What a CLI command works on: the data directory's database, whether or not the hub runs
/// (SQLite WAL lets both write; the hub rereads the registry on every connect). Features build
/// their own stores over <see cref="Db"/>.
/// </summary>
public sealed class CliContext
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
    }

    public IConfiguration Configuration { get; }

    public HubOptions Options { get; }

    public TimeProvider Time { get; } = TimeProvider.System;

    public Database Db { get; }

    public IOptions<HubOptions> WrappedOptions => Microsoft.Extensions.Options.Options.Create(Options);

    public static NullLoggerFactory NoLogs => NullLoggerFactory.Instance;
}
