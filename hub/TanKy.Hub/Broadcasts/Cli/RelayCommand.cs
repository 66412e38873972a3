using System.CommandLine;
using TanKy.Hub.Broadcasts.Relay;
using TanKy.Hub.Shared.Cli;

namespace TanKy.Hub.Broadcasts.Cli;

/// <summary>
/// <c>tanky-hub broadcast relay --source vov1 --zones khoi-1,xom-3 [--duration 30m] [--class normal|priority] [--fallback ID]</c>:
/// like <c>broadcast play</c>, through the hub's HTTP API with a <c>relay</c> body, so the same roles,
/// zone rules and validation apply. The class and the duration are checked here first, to say what is wrong in the shell's words.
/// </summary>
internal static class RelayCommand
{
    public static readonly string[] Classes = ["normal", "priority"];

    public static Command Build()
    {
        var source = new Option<string>("--source") { Description = CliText.T("relayair.cli.source"), Required = true };
        var zones = new Option<string>("--zones") { Description = CliText.T("cli2.opt.zones"), Required = true };
        var duration = new Option<string?>("--duration") { Description = CliText.T("relayair.cli.duration") };
        var cls = new Option<string>("--class") { Description = CliText.T("relayair.cli.class"), DefaultValueFactory = _ => "normal" };
        var fallback = new Option<string?>("--fallback") { Description = CliText.T("relayair.cli.fallback") };
        var volume = new Option<int?>("--volume") { Description = CliText.T("cli2.bc.volume") };
        var relay = new Command("relay", CliText.T("relayair.cli.relay")) { source, zones, duration, cls, fallback, volume, CliOptions.Json };
        relay.SetAction((r, ct) =>
        {
            if (!Classes.Contains(r.GetValue(cls)))
            {
                return Task.FromResult(BroadcastCommands.Fail(r, CliText.T("relayair.cli.bad-class", r.GetValue(cls))));
            }

            if (r.GetValue(duration) is { } d && !RelayDuration.TryParse(d, out _))
            {
                return Task.FromResult(BroadcastCommands.Fail(r, CliText.T("relayair.cli.bad-duration", d)));
            }

            return BroadcastCommands.RunAsync(r, async (api, output) =>
            {
                var body = new
                {
                    zones = r.GetValue(zones)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                    relay = new { source = r.GetValue(source), duration = r.GetValue(duration), fallback = r.GetValue(fallback) },
                    @class = r.GetValue(cls),
                    volume = r.GetValue(volume),
                    source = "cli",
                };
                var answer = await api.PostAsync("/api/v1/broadcasts", body, ct);
                return BroadcastCommands.Print(r, answer, output, j => output.WriteLine(CliText.T("cli2.bc.accepted",
                    BroadcastCommands.Text(j, "id"), BroadcastCommands.Text(j, "status"), BroadcastCommands.Text(j, "stream") ?? CliText.T("cli2.bc.queued"))));
            });
        });
        return relay;
    }
}
