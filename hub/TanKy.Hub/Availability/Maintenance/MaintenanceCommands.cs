using System.CommandLine;
using System.Globalization;
using TanKy.Hub.Shared.Cli;
using TanKy.Hub.Shared;
using TanKy.Protocol;

namespace TanKy.Hub.Availability.Maintenance;

/// <summary><c>tanky-hub maintenance add|list</c>: planned work, left out of availability and alerts.</summary>
public static class MaintenanceCommands
{
    private static readonly string[] TimeFormats = ["yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd"];

    public static Command Build()
    {
        var maintenance = new Command("maintenance", CliText.T("cli2.maint"));
        maintenance.Subcommands.Add(Add());
        maintenance.Subcommands.Add(List());
        return maintenance;
    }

    /// <summary>Local Vietnamese time ("2026-11-28 08:00") or an ISO time with an offset.</summary>
    public static DateTimeOffset ParseTime(string value, string name)
    {
        if (DateTime.TryParseExact(value.Trim(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return new DateTimeOffset(local, CommuneTime.Zone.GetUtcOffset(local));
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) && value.Length > 16
            ? t
            : throw new FormatException(CliText.T("cli.maintenance.bad-time", name, value));
    }

    private static Command Add()
    {
        var device = new Option<string?>("--device") { Description = CliText.T("cli2.maint.device") };
        var zone = new Option<string?>("--zone") { Description = CliText.T("cli2.maint.zone") };
        var kind = new Option<string?>("--kind") { Description = CliText.T("cli2.maint.kind") };
        var from = new Option<string>("--from") { Description = CliText.T("cli2.maint.from"), Required = true };
        var to = new Option<string>("--to") { Description = CliText.T("cli2.maint.to"), Required = true };
        var reason = new Option<string>("--reason") { Description = CliText.T("cli2.maint.reason"), Required = true };
        var cmd = new Command("add", CliText.T("cli2.maint.add")) { device, zone, kind, from, to, reason };
        cmd.SetAction(r => CliOptions.Guard(() =>
        {
            var targets = new[] { (MaintenanceScope.Device, r.GetValue(device)), (MaintenanceScope.Zone, r.GetValue(zone)), (MaintenanceScope.Kind, r.GetValue(kind)) }
                .Where(x => x.Item2 is not null).ToList();
            if (targets.Count != 1)
            {
                return CliOutput.Fail(CliText.T("cli.maintenance.one-target"));
            }

            var ctx = CliOptions.Context(r);
            var w = new MaintenanceStore(ctx.Db, ctx.Time).Add(targets[0].Item1, targets[0].Item2!, ParseTime(r.GetValue(from)!, "--from"), ParseTime(r.GetValue(to)!, "--to"), r.GetValue(reason)!);
            Console.Out.WriteLine(CliText.T("cli.maintenance.added", w.Id, w.Scope.ToWire(), w.Target, Local(w.From), Local(w.To)));
            return 0;
        }));
        return cmd;
    }

    private static Command List()
    {
        var cmd = new Command("list", CliText.T("cli2.maint.list")) { CliOptions.Json };
        cmd.SetAction(r => CliOptions.Guard(() =>
        {
            var ctx = CliOptions.Context(r);
            var all = new MaintenanceStore(ctx.Db, ctx.Time).List();
            if (r.GetValue(CliOptions.Json))
            {
                CliOutput.WriteJson(all.Select(w => new { w.Id, scope = w.Scope.ToWire(), w.Target, w.From, w.To, w.Reason }));
                return 0;
            }

            CliOutput.WriteTable(CliText.Columns("id", "scope", "target", "from", "to", "reason"),
                all.Select(w => (IReadOnlyList<string>)[w.Id.ToString(CultureInfo.InvariantCulture), w.Scope.ToWire(), w.Target, Local(w.From), Local(w.To), w.Reason]));
            return 0;
        }));
        return cmd;
    }

    private static string Local(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, CommuneTime.Zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
