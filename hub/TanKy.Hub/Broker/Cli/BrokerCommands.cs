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
        var broker = new Command("broker", "Máy chủ MQTT / MQTT broker tools");
        var output = new Option<string>("--out") { Description = "Directory for mosquitto.conf, passwd, acl", Required = true };
        var export = new Command("export-mosquitto-config", "Xuất cấu hình Mosquitto với cùng mật khẩu và quyền / write a Mosquitto configuration with the same credentials and ACL") { output };
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
        var output = new Option<string>("--out") { Description = "File to write, e.g. /etc/mosquitto/conf.d/tanky.conf", Required = true };
        var dir = new Option<string?>("--sync-dir") { Description = "Where the hub keeps passwd and acl (default Broker:External:SyncDirectory)" };
        var cmd = new Command("mosquitto-conf", "Ghi cấu hình Mosquitto cho gateway (giới hạn, listener) / write Mosquitto's listener and limits for a gateway; users and ACL stay with the running hub") { output, dir };
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
        var dir = new Option<string?>("--sync-dir") { Description = "Where to write passwd and acl (default Broker:External:SyncDirectory)" };
        var pidFile = new Option<string?>("--pid-file") { Description = "Send SIGHUP to this Mosquitto pid after a change (default Broker:External:PidFile)" };
        var cmd = new Command("sync-mosquitto", "Đồng bộ người dùng và ACL của Mosquitto với danh sách thiết bị / write Mosquitto's passwd and acl from the device registry") { dir, pidFile };
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
