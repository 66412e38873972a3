using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using TanKy.Hub.Shared.Cli;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Broadcasts.Cli;

/// <summary>
/// <c>tanky-hub broadcast play|stop|list|report</c>: works against a running hub through its
/// HTTP API, so the same roles, zone rules and validation apply as for any other client.
/// </summary>
public static class BroadcastCommands
{
    private static readonly Option<string?> Hub = new("--hub") { Description = "Hub URL (default: first of Http:Urls)", Recursive = true };
    private static readonly Option<string?> Token = new("--token") { Description = "API token (default: TANKY_TOKEN, else {DataDir}/cli.token)", Recursive = true };

    public static Command Build()
    {
        var command = new Command("broadcast", "Phát bản tin / broadcasts on a running hub") { Hub, Token };
        command.Subcommands.Add(Play());
        command.Subcommands.Add(Stop());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Report());
        return command;
    }

    private static Command Play()
    {
        var zones = new Option<string>("--zones") { Description = "Zones, comma-separated, e.g. xom-3,khoi-1", Required = true };
        var media = new Option<string>("--media") { Description = "Media id", Required = true };
        var cls = new Option<string>("--class") { Description = "normal | priority | emergency", DefaultValueFactory = _ => "normal" };
        var volume = new Option<int?>("--volume") { Description = "Volume 0–100 for this broadcast" };
        var policy = new Option<string?>("--policy") { Description = "After a preemption: resume | restart | skip" };
        var play = new Command("play", "Phát một bản tin đến các khối/xóm / play a clip to zones") { zones, media, cls, volume, policy, CliOptions.Json };
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
                $"Đã nhận bản tin / broadcast accepted: {Text(j, "id")} — trạng thái / status {Text(j, "status")}, luồng / stream {Text(j, "stream") ?? "(đang chờ / queued)"}"));
        }));
        return play;
    }

    private static Command Stop()
    {
        var id = new Argument<string>("id") { Description = "Broadcast id" };
        var stop = new Command("stop", "Dừng bản tin / stop a broadcast everywhere") { id };
        stop.SetAction((r, ct) => RunAsync(r, async (api, output) =>
        {
            var answer = await api.DeleteAsync("/api/v1/broadcasts/" + Uri.EscapeDataString(r.GetValue(id)!), ct);
            return Print(r, answer, output, j => output.WriteLine($"Đã dừng / stopped {Text(j, "id")}"));
        }));
        return stop;
    }

    private static Command List()
    {
        var limit = new Option<int>("--limit") { Description = "How many (newest first)", DefaultValueFactory = _ => 20 };
        var list = new Command("list", "Danh sách bản tin / list broadcasts") { limit, CliOptions.Json };
        list.SetAction((r, ct) => RunAsync(r, async (api, output) =>
        {
            var answer = await api.GetAsync($"/api/v1/broadcasts?limit={r.GetValue(limit)}", ct);
            return Print(r, answer, output, j => BroadcastReportPrinter.List(j, output));
        }));
        return list;
    }

    private static Command Report()
    {
        var id = new Argument<string>("id") { Description = "Broadcast id" };
        var report = new Command("report", "Báo cáo phát tới từng loa / delivery report of a broadcast") { id, CliOptions.Json };
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
            return Fail(r, "chưa có mã API / no API token: use --token, TANKY_TOKEN or {DataDir}/cli.token");
        }

        if (r.GetValue(Hub) is { } given && !Uri.TryCreate(given, UriKind.Absolute, out _))
        {
            return Fail(r, $"địa chỉ hub không hợp lệ / invalid hub URL '{given}'");
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
        r.InvocationConfiguration.Error.WriteLine($"Lỗi / error: {message}");
        return 1;
    }

    internal static string? Text(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
            ? (v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText())
            : null;

    internal static string Micros(JsonElement json, string name) =>
        Text(json, name) is { } us && long.TryParse(us, CultureInfo.InvariantCulture, out var v) ? (v / 1000.0).ToString("0.0", CultureInfo.InvariantCulture) + " ms" : "-";
}
