using TanKy.Hub.Devices.Cli;
using System.CommandLine;
using System.Globalization;
using TanKy.Hub.Devices;
using TanKy.Protocol;
using TanKy.Hub.Devices.Http;
using TanKy.Hub.Shared.Cli;
using TanKy.Hub.Devices.Control.Cli;

namespace TanKy.Hub.Devices.Cli;

/// <summary><c>tanky-hub devices add|list|rotate-secret|remove|import|export-fleet</c>; control commands in <see cref="DeviceControlCommands"/>.</summary>
public static class DeviceCommands
{
    public static Command Build()
    {
        var devices = new Command("devices", CliText.T("cli2.devices"));
        devices.Subcommands.Add(Add());
        devices.Subcommands.Add(List());
        devices.Subcommands.Add(RotateSecret());
        devices.Subcommands.Add(Remove());
        devices.Subcommands.Add(Import());
        devices.Subcommands.Add(ExportFleet());
        DeviceControlCommands.AddTo(devices);
        return devices;
    }

    private static Command Add()
    {
        var id = new Option<string>("--id") { Description = CliText.T("cli2.devices.id"), Required = true };
        var kind = new Option<string>("--kind") { Description = CliText.T("cli2.devices.kind"), Required = true };
        var zone = new Option<string[]>("--zone") { Description = CliText.T("cli2.devices.zone"), Required = true, AllowMultipleArgumentsPerToken = true };
        var name = new Option<string?>("--name") { Description = CliText.T("cli2.devices.name") };
        var lat = new Option<double?>("--lat");
        var lon = new Option<double?>("--lon");
        var notes = new Option<string?>("--notes");
        var cmd = new Command("add", CliText.T("cli2.devices.add")) { id, kind, zone, name, lat, lon, notes, CliOptions.Json };
        cmd.SetAction(r => CliOptions.Guard(() =>
        {
            var ctx = CliOptions.Context(r);
            var zones = r.GetValue(zone)!.SelectMany(z => z.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            var device = new NewDevice(r.GetValue(id)!, DeviceKinds.Parse(r.GetValue(kind)!), zones, r.GetValue(name), r.GetValue(lat), r.GetValue(lon), r.GetValue(notes));
            var secret = ctx.Devices().Add(device);
            if (r.GetValue(CliOptions.Json))
            {
                CliOutput.WriteJson(new { id = device.Id, secret });
            }
            else
            {
                Console.Out.WriteLine(CliText.T("cli.devices.added", device.Id, "kind." + device.Kind.ToWire(), string.Join(",", zones)));
                Console.Out.WriteLine(CliText.T("cli2.devices.secret", secret));
                Console.Out.WriteLine(CliText.T("cli.devices.store-secret"));
            }

            return 0;
        }));
        return cmd;
    }

    private static Command List()
    {
        var zone = new Option<string?>("--zone") { Description = CliText.T("cli2.devices.only-zone") };
        var kind = new Option<string?>("--kind") { Description = CliText.T("cli2.devices.only-kind") };
        var cmd = new Command("list", CliText.T("cli2.devices.list")) { zone, kind, CliOptions.Json };
        cmd.SetAction(r => CliOptions.Guard(() =>
        {
            var ctx = CliOptions.Context(r);
            var kindValue = r.GetValue(kind) is { } k ? DeviceKinds.Parse(k) : (DeviceKind?)null;
            var list = ctx.Devices().List(r.GetValue(zone), kindValue);
            if (r.GetValue(CliOptions.Json))
            {
                CliOutput.WriteJson(list.Select(Http.DeviceDto.From));
                return 0;
            }

            CliOutput.WriteTable(
                CliText.Columns("id", "kind", "zones", "status", "last-seen", "name"),
                list.Select(d => (IReadOnlyList<string>)[d.Id, d.Kind.ToWire(), string.Join(",", d.Zones), d.Status, d.LastSeen?.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "-", d.Name]));
            Console.Out.WriteLine(CliText.T("cli.devices.count", list.Count));
            return 0;
        }));
        return cmd;
    }

    private static Command RotateSecret()
    {
        var id = new Option<string>("--id") { Required = true };
        var cmd = new Command("rotate-secret", CliText.T("cli2.devices.rotate")) { id, CliOptions.Json };
        cmd.SetAction(r => CliOptions.Guard(() =>
        {
            var ctx = CliOptions.Context(r);
            var secret = ctx.Devices().RotateSecret(r.GetValue(id)!);
            if (r.GetValue(CliOptions.Json))
            {
                CliOutput.WriteJson(new { id = r.GetValue(id), secret });
            }
            else
            {
                Console.Out.WriteLine(CliText.T("cli2.devices.secret", secret));
            }

            return 0;
        }));
        return cmd;
    }

    private static Command Remove()
    {
        var id = new Option<string>("--id") { Required = true };
        var cmd = new Command("remove", CliText.T("cli2.devices.remove")) { id };
        cmd.SetAction(r => CliOptions.Guard(() =>
        {
            CliOptions.Context(r).Devices().Remove(r.GetValue(id)!);
            Console.Out.WriteLine(CliText.T("cli.devices.removed", r.GetValue(id)));
            return 0;
        }));
        return cmd;
    }

    private static Command Import()
    {
        var file = new Argument<string>("FILE") { Description = CliText.T("cli2.devices.file") };
        var cmd = new Command("import", CliText.T("cli2.devices.import")) { file, CliOptions.Json };
        cmd.SetAction(r => CliOptions.Guard(() =>
        {
            var results = CliOptions.Context(r).Importer().ImportFile(r.GetValue(file)!);
            if (r.GetValue(CliOptions.Json))
            {
                CliOutput.WriteJson(results);
                return 0;
            }

            CliOutput.WriteTable(CliText.Columns("id", "action", "secret-once"), results.Select(x => (IReadOnlyList<string>)[x.Id, x.Action, x.Secret ?? "-"]));
            return 0;
        }));
        return cmd;
    }

    private static Command ExportFleet()
    {
        var output = new Option<string>("--out") { Description = CliText.T("cli2.devices.fleet-out"), Required = true };
        var host = new Option<string>("--host") { Description = CliText.T("cli2.devices.host"), DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int?>("--port") { Description = CliText.T("cli2.devices.port") };
        var zone = new Option<string?>("--zone");
        var kind = new Option<string?>("--kind");
        var cmd = new Command("export-fleet", CliText.T("cli2.devices.export")) { output, host, port, zone, kind };
        cmd.SetAction(r => CliOptions.Guard(() =>
        {
            var ctx = CliOptions.Context(r);
            var brokerPort = r.GetValue(port) ?? ctx.Configuration.GetValue("Broker:Port", 1883);
            var kindValue = r.GetValue(kind) is { } k ? DeviceKinds.Parse(k) : (DeviceKind?)null;
            var n = ctx.Exporter().Export(r.GetValue(output)!, ctx.Options.Site, r.GetValue(host)!, brokerPort, tls: false, r.GetValue(zone), kindValue);
            Console.Out.WriteLine(CliText.T("cli.devices.exported", n, r.GetValue(output)));
            return 0;
        }));
        return cmd;
    }
}
