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
        var users = new Command("users", "Người dùng / users");

        var name = new Option<string>("--name") { Required = true };
        var role = new Option<string>("--role") { Description = "admin | officer | hamlet-head | technician | viewer", Required = true };
        var zones = new Option<string?>("--zones") { Description = "Comma-separated zones (hamlet heads only)" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read a console password (≥ 10 characters) from standard input" };
        var add = new Command("add", "Thêm người dùng / add a user") { name, role, zones, passwordStdin };
        add.SetAction(r => CliOptions.Guard(() =>
        {
            if (!Roles.TryParse(r.GetValue(role), out var parsed))
            {
                return CliOutput.Fail($"unknown role '{r.GetValue(role)}' (admin, officer, hamlet-head, technician, viewer)");
            }

            var zoneList = (r.GetValue(zones) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var password = r.GetValue(passwordStdin) ? Console.In.ReadLine()?.TrimEnd('\r', '\n') : null;
            var user = CliOptions.Context(r).Users().Add(r.GetValue(name)!, parsed.Value, zoneList, password);
            Console.Out.WriteLine($"Đã thêm / added {user.Name} ({user.Role.ToWire()}{(user.Zones.Count > 0 ? ": " + string.Join(",", user.Zones) : "")})");
            return 0;
        }));

        var list = new Command("list", "Danh sách người dùng / list users") { CliOptions.Json };
        list.SetAction(r => CliOptions.Guard(() =>
        {
            var all = CliOptions.Context(r).Users().List();
            if (r.GetValue(CliOptions.Json))
            {
                CliOutput.WriteJson(all.Select(u => new { u.Name, role = u.Role.ToWire(), u.Zones, u.Disabled, u.CreatedAt }));
            }
            else
            {
                CliOutput.WriteTable(["NAME", "ROLE", "ZONES", "DISABLED"], all.Select(u => (IReadOnlyList<string>)[u.Name, u.Role.ToWire(), string.Join(",", u.Zones), u.Disabled ? "yes" : "no"]));
            }

            return 0;
        }));

        users.Subcommands.Add(add);
        users.Subcommands.Add(list);
        users.Subcommands.Add(Toggle("disable", "Khoá người dùng / disable a user (their tokens stop working)", true));
        users.Subcommands.Add(Toggle("enable", "Mở khoá người dùng / enable a user", false));
        return users;
    }

    private static Command Toggle(string verb, string description, bool disabled)
    {
        var name = new Option<string>("--name") { Required = true };
        var cmd = new Command(verb, description) { name };
        cmd.SetAction(r => CliOptions.Guard(() =>
        {
            CliOptions.Context(r).Users().SetDisabled(r.GetValue(name)!, disabled);
            Console.Out.WriteLine($"{verb}d {r.GetValue(name)}");
            return 0;
        }));
        return cmd;
    }
}
