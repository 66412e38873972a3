using System.CommandLine;
using Microsoft.Extensions.Configuration;
using TanKy.Hub.Broker;
using TanKy.Hub.Shared.Cli;

namespace TanKy.Hub.Broker.Cli;

/// <summary><c>tanky-hub broker export-mosquitto-config|mosquitto-conf|sync-mosquitto</c>: run a site on Mosquitto.</summary>
public static class BrokerCommands
{
    public static Command Build()
    {
        var broker = new Command("broker", CliText.T("cli2.broker"));
        var output = new Option<string>("--out") { Description = CliText.T("cli2.broker.out-dir"), Required = true };
        var export = new Command("export-mosquitto-config", CliText.T("cli2.broker.export")) { output };
        export.SetAction(r => CliOptions.Guard(() =>
        {
            var ctx = CliOptions.Context(r);
            var options = ctx.Configuration.GetSection("Broker").Get<BrokerOptions>() ?? new BrokerOptions();
            var result = MosquittoConfigExporter.Export(ctx.Db, ctx.Options, options, r.GetValue(output)!);
            Console.Out.WriteLine(CliText.T("cli.broker.exported", $"{result.ConfigFile}, {result.PasswordFile}, {result.AclFile}", result.Devices)
                + (result.ToolsAccount ? CliText.T("cli.broker.with-tools") : "") + (result.Tls ? CliText.T("cli.broker.with-tls") : ""));
            Console.Out.WriteLine(CliText.T("cli.broker.credentials", result.CredentialsFile));
            foreach (var skipped in result.SkippedDevices)
            {
                Console.Out.WriteLine(CliText.T("cli.broker.skipped", skipped));
            }

            foreach (var note in result.Notes)
            {
                Console.Out.WriteLine(CliText.T("cli.broker.note", note));
            }

            return 0;
        }));
        broker.Subcommands.Add(export);
        broker.Subcommands.Add(MosquittoConf());
        broker.Subcommands.Add(SyncMosquitto());
        return broker;
    }

    private static BrokerOptions Options(CliContext ctx) => ctx.Configuration.GetSection("Broker").Get<BrokerOptions>() ?? new BrokerOptions();

    /// <summary><c>broker mosquitto-conf --out FILE</c>: the gateway's conf.d file (install.sh writes /etc/mosquitto/conf.d/tanky.conf).</summary>
    private static Command MosquittoConf()
    {
        var output = new Option<string>("--out") { Description = CliText.T("cli2.broker.out-file"), Required = true };
        var dir = new Option<string?>("--sync-dir") { Description = CliText.T("cli2.broker.sync-dir") };
        var cmd = new Command("mosquitto-conf", CliText.T("cli2.broker.conf")) { output, dir };
        cmd.SetAction(r => CliOptions.Guard(() =>
        {
            var ctx = CliOptions.Context(r);
            var options = Options(ctx);
            options.External.SyncDirectory = r.GetValue(dir) ?? options.External.SyncDirectory;
            var file = Path.GetFullPath(r.GetValue(output)!);
            AtomicFile.WriteAllText(file, MosquittoConfigExporter.IncludeConfig(ctx.Options, options),
                AtomicFile.OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            Console.Out.WriteLine(CliText.T("cli.broker.wrote", file));
            return 0;
        }));
        return cmd;
    }

    /// <summary><c>broker sync-mosquitto</c>: what the running hub does on a registry change, once (install.sh, or a hub that is stopped).</summary>
    private static Command SyncMosquitto()
    {
        var dir = new Option<string?>("--sync-dir") { Description = CliText.T("cli2.broker.sync-out") };
        var pidFile = new Option<string?>("--pid-file") { Description = CliText.T("cli2.broker.pid") };
        var cmd = new Command("sync-mosquitto", CliText.T("cli2.broker.sync")) { dir, pidFile };
        cmd.SetAction(r => CliOptions.Guard(() =>
        {
            var ctx = CliOptions.Context(r);
            var options = Options(ctx);
            options.External.SyncDirectory = r.GetValue(dir) ?? options.External.SyncDirectory;
            options.External.PidFile = r.GetValue(pidFile) ?? options.External.PidFile;
            var sync = new MosquittoSync(ctx.Db, ctx.Options, options, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
            var result = sync.Sync();
            Console.Out.WriteLine(CliText.T(result.Changed ? "cli.broker.synced-changed" : "cli.broker.synced-same", $"{sync.PasswdFile}, {sync.AclFile}", result.Devices)
                + (result.Reloaded ? CliText.T("cli.broker.reloaded") : ""));
            foreach (var skipped in result.Skipped)
            {
                Console.Out.WriteLine(CliText.T("cli.broker.skipped", skipped));
            }

            return 0;
        }));
        return cmd;
    }
}
