using System.CommandLine;
using TanKy.Hub.Accounts;
using TanKy.Hub.Shared.Cli;
using TanKy.Protocol;

namespace TanKy.Hub.Accounts.Cli;

/// <summary><c>tanky-hub users add|list|disable|enable</c>.</summary>
public static class UserCommands
{
    public static Command Build()
    {
        var users = new Command("users", CliText.T("cli2.users"));

        var name = new Option<string>("--name") { Required = true };
        var role = new Option<string>("--role") { Description = CliText.T("cli2.users.role"), Required = true };
        var zones = new Option<string?>("--zones") { Description = CliText.T("cli2.users.zones") };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = CliText.T("cli2.users.password") };
        var add = new Command("add", CliText.T("cli2.users.add")) { name, role, zones, passwordStdin };
        add.SetAction(r => CliOptions.Guard(() =>
        {
            if (!Roles.TryParse(r.GetValue(role), out var parsed))
            {
                return CliOutput.Fail(CliText.T("cli.users.unknown-role", r.GetValue(role)));
            }

            var zoneList = (r.GetValue(zones) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var password = r.GetValue(passwordStdin) ? Console.In.ReadLine()?.TrimEnd('\r', '\n') : null;
            var user = CliOptions.Context(r).Users().Add(r.GetValue(name)!, parsed.Value, zoneList, password);
            Console.Out.WriteLine(user.Zones.Count > 0
                ? CliText.T("cli.users.added-zones", user.Name, "role." + user.Role.ToWire(), string.Join(",", user.Zones))
                : CliText.T("cli.users.added", user.Name, "role." + user.Role.ToWire()));
            return 0;
        }));

        var list = new Command("list", CliText.T("cli2.users.list")) { CliOptions.Json };
        list.SetAction(r => CliOptions.Guard(() =>
        {
            var all = CliOptions.Context(r).Users().List();
            if (r.GetValue(CliOptions.Json))
            {
                CliOutput.WriteJson(all.Select(u => new { u.Name, role = u.Role.ToWire(), u.Zones, u.Disabled, u.CreatedAt }));
            }
            else
            {
                CliOutput.WriteTable(
                    [CliText.T("cli.users.col-name"), CliText.T("cli.users.col-role"), CliText.T("cli.users.col-zones"), CliText.T("cli.users.col-disabled")],
                    all.Select(u => (IReadOnlyList<string>)[u.Name, CliText.T("role." + u.Role.ToWire()), string.Join(",", u.Zones), CliText.T(u.Disabled ? "cli.yes" : "cli.no")]));
            }

            return 0;
        }));

        users.Subcommands.Add(add);
        users.Subcommands.Add(list);
        users.Subcommands.Add(Toggle("disable", CliText.T("cli2.users.disable"), true));
        users.Subcommands.Add(Toggle("enable", CliText.T("cli2.users.enable"), false));
        return users;
    }

    private static Command Toggle(string verb, string description, bool disabled)
    {
        var name = new Option<string>("--name") { Required = true };
        var cmd = new Command(verb, description) { name };
        cmd.SetAction(r => CliOptions.Guard(() =>
        {
            CliOptions.Context(r).Users().SetDisabled(r.GetValue(name)!, disabled);
            Console.Out.WriteLine(CliText.T(disabled ? "cli.users.disabled" : "cli.users.enabled", r.GetValue(name)));
            return 0;
        }));
        return cmd;
    }
}
