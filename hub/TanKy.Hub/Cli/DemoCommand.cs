using TanKy.Hub.Accounts.Cli;
using TanKy.Hub.Devices.Cli;
using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using TanKy.Hub.Accounts;
using TanKy.Hub.Hosting;
using TanKy.Hub.Shared.Cli;
using TanKy.Hub.Media.Demo;

namespace TanKy.Hub.Cli;

/// <summary>
/// <c>tanky-hub demo</c>: provisions the sample commune of Tân Kỳ on first run (zones, devices,
/// a simulator fleet file, stand-in clips for the sample programme and a demo admin token), then runs the hub. hub/demo.sh starts the
/// simulated fleet next to it.
/// </summary>
internal static class DemoCommand
{
    public const string FleetFileName = "demo-fleet.json";

    public static Command Build(Func<string[], CancellationToken, Task> runHost)
    {
        var commune = new Option<string?>("--commune") { Description = CliText.T("cli2.demo.commune") };
        var provisionOnly = new Option<bool>("--provision-only") { Description = CliText.T("cli2.demo.provision-only") };
        var cmd = HostSettings.Accept(new Command("demo", CliText.T("cli2.demo"))
        {
            commune,
            provisionOnly,
        });
        cmd.SetAction(async (r, ct) =>
        {
            // Provisioning reads the same settings as the hub it starts (data directory, broker port for the fleet file).
            var ctx = new CliContext(r.GetValue(CliOptions.DataDir), HostSettings.Of(r));
            var fleet = Provision(ctx, r.GetValue(commune) ?? Path.Combine(AppContext.BaseDirectory, "commune", "tan-ky.yaml"));
            Console.Out.WriteLine(CliText.T("cli.demo.fleet", fleet));
            if (r.GetValue(provisionOnly))
            {
                return 0;
            }

            await runHost([.. HostSettings.Of(r), $"--Hub:DataDir={ctx.Options.DataDir}"], ct);
            return 0;
        });
        return cmd;
    }

    private static string Provision(CliContext ctx, string communeFile)
    {
        if (ctx.Devices().List().Count == 0)
        {
            var results = ctx.Importer().ImportFile(communeFile);
            Console.Out.WriteLine(CliText.T("cli.demo.provisioned", ctx.Zones().List().Count, results.Count));
        }

        var fleet = Path.Combine(ctx.Db.DataDir, FleetFileName);
        if (!File.Exists(fleet))
        {
            var port = ctx.Configuration.GetValue("Broker:Port", 1883);
            ctx.Exporter().Export(fleet, ctx.Options.Site, "127.0.0.1", port, tls: false);
        }

        if (DemoMedia.Provision(ctx.Db, (ctx.Configuration.GetSection(Schedules.ScheduleOptions.Section).Get<Schedules.ScheduleOptions>() ?? new Schedules.ScheduleOptions()).FullDirectory) is > 0 and var clips)
        {
            Console.Out.WriteLine(CliText.T("cli.demo.clips", clips));
        }

        if (EnsureAdminToken(ctx.Users(), ctx.Tokens(), ctx.Db.DataDir) is { } tokenFile)
        {
            Console.Out.WriteLine(CliText.T("cli.demo.token", tokenFile));
        }

        return fleet;
    }

    /// <summary>
    /// The demo admin and a working token in DATA_DIR/demo-admin.token. Tokens expire
    /// (Tokens:DefaultLifetime), so a demo data directory kept for months gets a new one instead of
    /// a dead file. Returns the file when it wrote a token, null when the saved one still works.
    /// </summary>
    internal static string? EnsureAdminToken(UserStore users, TokenService tokens, string dataDir)
    {
        const string admin = "demo-admin";
        if (users.Find(admin) is null)
        {
            users.Add(admin, Role.Admin, []);
        }

        var tokenFile = Path.Combine(dataDir, "demo-admin.token");
        var saved = File.Exists(tokenFile) ? File.ReadAllText(tokenFile).Trim() : null;
        if (tokens.Validate(saved)?.Name == admin)
        {
            return null;
        }

        var token = tokens.Create(admin, "demo");
        File.WriteAllText(tokenFile, token + Environment.NewLine);
        File.SetUnixFileMode(tokenFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return tokenFile;
    }
}
