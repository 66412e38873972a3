using System.CommandLine;
using Microsoft.Extensions.Configuration;
using TanKy.Hub.Broker;
using TanKy.Hub.Shared.Cli;

namespace TanKy.Hub.Broker.Cli;

/// <summary><c>tanky-hub broker export-mosquitto-config --out DIR</c>: move a site to Mosquitto or a broker cluster.</summary>
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
            Console.Out.WriteLine($"Đã xuất / wrote {result.ConfigFile}, {result.PasswordFile}, {result.AclFile} ({result.Devices} devices{(result.ToolsAccount ? ", tools account" : "")}{(result.Tls ? ", TLS listener" : "")})");
            Console.Out.WriteLine($"Hub credentials for Broker:Mode=External: {result.CredentialsFile}");
            foreach (var skipped in result.SkippedDevices)
            {
                Console.Out.WriteLine($"skipped: {skipped}");
            }

            foreach (var note in result.Notes)
            {
                Console.Out.WriteLine($"note: {note}");
            }

            return 0;
        }));
        broker.Subcommands.Add(export);
        return broker;
    }
}
