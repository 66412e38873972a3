using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using TanKy.Hub.Shared.Cli;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Broadcasts.Cli;

/// <summary>
/// <c>tanky-hub broadcast play|relay|stop|list|report</c>: works against a running hub through its
/// HTTP API, so the same roles, zone rules and validation apply as for any other client.
/// </summary>
public static class BroadcastCommands
{
    // One instance per language: the description is text in the CLI's language (PerLanguage).
    private static readonly PerLanguage<Option<string?>> Hubs = new(() => new("--hub") { Description = CliText.T("cli2.opt.hub"), Recursive = true });
    private static readonly PerLanguage<Option<string?>> Tokens = new(() => new("--token") { Description = CliText.T("cli2.opt.token"), Recursive = true });

    private static Option<string?> Hub => Hubs.Value;

    private static Option<string?> Token => Tokens.Value;

    public static Command Build()
    {
        var command = new Command("broadcast", CliText.T("cli2.bc")) { Hub, Token };
        command.Subcommands.Add(Play());
        command.Subcommands.Add(RelayCommand.Build());
        command.Subcommands.Add(Stop());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Report());
        return command;
    }

    private static Command Play()
    {
        var zones = new Option<string>("--zones") { Description = CliText.T("cli2.opt.zones"), Required = true };
        var media = new Option<string>("--media") { Description = CliText.T("cli2.bc.media"), Required = true };
        var cls = new Option<string>("--class") { Description = CliText.T("cli2.bc.class"), DefaultValueFactory = _ => "normal" };
        var volume = new Option<int?>("--volume") { Description = CliText.T("cli2.bc.volume") };
        var policy = new Option<string?>("--policy") { Description = CliText.T("cli2.bc.policy") };
        var play = new Command("play", CliText.T("cli2.bc.play")) { zones, media, cls, volume, policy, CliOptions.Json };
        play.SetAction((r, ct) => RunAsync(r, async (api, output) =>
        {
            var body = new
            {
                zones = r.GetValue(zones)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                media = r.GetValue(media),
                @class = r.GetValue(cls),
                volume = r.GetValue(volume),
                policy = r.GetValue(policy),
                source = "cli",
            };
            var answer = await api.PostAsync("/api/v1/broadcasts", body, ct);
            return Print(r, answer, output, j => output.WriteLine(
                CliText.T("cli2.bc.accepted", Text(j, "id"), Text(j, "status"), Text(j, "stream") ?? CliText.T("cli2.bc.queued"))));
        }));
        return play;
    }

    private static Command Stop()
    {
        var id = new Argument<string>("id") { Description = CliText.T("cli2.bc.id") };
        var stop = new Command("stop", CliText.T("cli2.bc.stop")) { id };
        stop.SetAction((r, ct) => RunAsync(r, async (api, output) =>
        {
            var answer = await api.DeleteAsync("/api/v1/broadcasts/" + Uri.EscapeDataString(r.GetValue(id)!), ct);
            return Print(r, answer, output, j => output.WriteLine(CliText.T("cli2.bc.stopped", Text(j, "id"))));
        }));
        return stop;
    }

    private static Command List()
    {
        var limit = new Option<int>("--limit") { Description = CliText.T("cli2.bc.limit"), DefaultValueFactory = _ => 20 };
        var list = new Command("list", CliText.T("cli2.bc.list")) { limit, CliOptions.Json };
        list.SetAction((r, ct) => RunAsync(r, async (api, output) =>
        {
            var answer = await api.GetAsync($"/api/v1/broadcasts?limit={r.GetValue(limit)}", ct);
            return Print(r, answer, output, j => BroadcastReportPrinter.List(j, output));
        }));
        return list;
    }

    private static Command Report()
    {
        var id = new Argument<string>("id") { Description = CliText.T("cli2.bc.id") };
        var report = new Command("report", CliText.T("cli2.bc.report")) { id, CliOptions.Json };
        report.SetAction((r, ct) => RunAsync(r, async (api, output) =>
        {
            var answer = await api.GetAsync("/api/v1/broadcasts/" + Uri.EscapeDataString(r.GetValue(id)!), ct);
            return Print(r, answer, output, j => BroadcastReportPrinter.Report(j, output));
        }));
        return report;
    }

    internal static async Task<int> RunAsync(ParseResult r, Func<HubApiClient, TextWriter, Task<int>> body)
    {
        var output = r.InvocationConfiguration.Output;
        var config = HubConfiguration.ForCli([]);
        var token = HubApiClient.FindToken(r.GetValue(Token), config, r.GetValue(CliOptions.DataDir));
        if (token is null)
        {
            return Fail(r, CliText.T("cli2.bc.no-token"));
        }

        if (r.GetValue(Hub) is { } given && !Uri.TryCreate(given, UriKind.Absolute, out _))
        {
            return Fail(r, CliText.T("cli2.bc.bad-hub", given));
        }

        var hub = r.GetValue(Hub) is { } url ? new Uri(url) : HubApiClient.DefaultHub(config);
        using var api = new HubApiClient(hub, token);
        return await body(api, output);
    }

    internal static int Print(ParseResult r, ApiAnswer answer, TextWriter output, Action<JsonElement> human)
    {
        if (!answer.Ok)
        {
            return Fail(r, answer.Error ?? $"HTTP {answer.Status}");
        }

        var json = answer.Json ?? default;
        if (r.GetValue(CliOptions.Json))
        {
            output.WriteLine(JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        }
        else
        {
            human(json);
        }

        return 0;
    }

    internal static int Fail(ParseResult r, string message)
    {
        r.InvocationConfiguration.Error.WriteLine(CliText.T("cli.error", message));
        return 1;
    }

    internal static string? Text(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
            ? (v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText())
            : null;

    internal static string Micros(JsonElement json, string name) =>
        Text(json, name) is { } us && long.TryParse(us, CultureInfo.InvariantCulture, out var v) ? (v / 1000.0).ToString("0.0", CultureInfo.InvariantCulture) + " ms" : "-";
}
