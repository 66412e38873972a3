using TanKy.Hub.Devices.Cli;
using System.CommandLine;
using TanKy.Hub.Shared.Cli;

namespace TanKy.Hub.Devices.Cli;

/// <summary><c>tanky-hub zones add|list</c>: the hamlets (khối/xóm).</summary>
public static class ZoneCommands
{
    public static Command Build()
    {
        var zones = new Command("zones", CliText.T("cli2.zones"));

        var id = new Option<string>("--id") { Description = CliText.T("cli2.zones.id"), Required = true };
        var name = new Option<string>("--name") { Description = CliText.T("cli2.zones.name"), Required = true };
        var add = new Command("add", CliText.T("cli2.zones.add")) { id, name };
        add.SetAction(r => CliOptions.Guard(() =>
        {
            CliOptions.Context(r).Zones().Add(r.GetValue(id)!, r.GetValue(name)!);
            Console.Out.WriteLine(CliText.T("cli.zones.saved", r.GetValue(id), r.GetValue(name)));
            return 0;
        }));

        var list = new Command("list", CliText.T("cli2.zones.list")) { CliOptions.Json };
        list.SetAction(r => CliOptions.Guard(() =>
        {
            var all = CliOptions.Context(r).Zones().List();
            if (r.GetValue(CliOptions.Json))
            {
                CliOutput.WriteJson(all);
            }
            else
            {
                CliOutput.WriteTable(CliText.Columns("id", "name", "devices"), all.Select(z => (IReadOnlyList<string>)[z.Id, z.Name, z.DeviceCount.ToString(System.Globalization.CultureInfo.InvariantCulture)]));
            }

            return 0;
        }));

        zones.Subcommands.Add(add);
        zones.Subcommands.Add(list);
        return zones;
    }
}
