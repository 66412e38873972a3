using System.CommandLine;
using System.Globalization;
using TanKy.Hub.Shared.Cli;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Availability.OfflineAlerts;

/// <summary><c>tanky-hub alerts list [--open] [--json]</c>.</summary>
public static class AlertCommands
{
    public static Command Build()
    {
        var alerts = new Command("alerts", CliText.T("cli2.alerts"));
        var open = new Option<bool>("--open") { Description = CliText.T("cli2.alerts.open-only") };
        var list = new Command("list", CliText.T("cli2.alerts.list")) { open, CliOptions.Json };
        list.SetAction(r => CliOptions.Guard(() =>
        {
            var ctx = CliOptions.Context(r);
            var all = new AlertStore(ctx.Db).List(r.GetValue(open) ? true : null);
            if (r.GetValue(CliOptions.Json))
            {
                CliOutput.WriteJson(all.Select(a => new { a.Id, device = a.DeviceId, a.Kind, a.Zones, state = a.IsOpen ? "open" : "closed", a.OfflineSince, a.OpenedAt, a.ClosedAt, a.CloseReason }));
                return 0;
            }

            CliOutput.WriteTable(CliText.Columns("id", "device", "kind", "zones", "state", "offline-since", "closed"),
                all.Select(a => (IReadOnlyList<string>)[a.Id.ToString(CultureInfo.InvariantCulture), a.DeviceId, a.Kind, string.Join(",", a.Zones), CliText.T(a.IsOpen ? "cli.alerts.state-open" : "cli.alerts.state-closed"), Local(a.OfflineSince), a.ClosedAt is { } c ? Local(c) : "-"]));
            Console.Out.WriteLine(CliText.T("cli.alerts.open", all.Count(a => a.IsOpen)));
            return 0;
        }));
        alerts.Subcommands.Add(list);
        return alerts;
    }

    private static string Local(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, CommuneTime.Zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
