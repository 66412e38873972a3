using System.CommandLine;
using System.Text.Json.Nodes;
using TanKy.Hub.Shared.Cli;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Devices.Control.Cli;

/// <summary>
/// <c>tanky-hub devices set|cmd|bulk|state|snapshot</c>: control through the running hub's HTTP
/// API (<see cref="HubApiClient"/>). Exit code 0 = done, 1 = refused or unreachable, 2 = the
/// request ran but not every device did it (command not ok, bulk partial).
/// </summary>
internal static class DeviceControlCommands
{
    // One instance per language: the description is text in the CLI's language (PerLanguage).
    private static readonly PerLanguage<Option<string?>> Hubs = new(() => new("--hub") { Description = CliText.T("cli2.opt.hub"), Recursive = true });
    private static readonly PerLanguage<Option<string?>> Tokens = new(() => new("--token") { Description = CliText.T("cli2.opt.token"), Recursive = true });

    private static Option<string?> Hub => Hubs.Value;

    private static Option<string?> Token => Tokens.Value;

    public static void AddTo(Command devices)
    {
        devices.Options.Add(Hub);
        devices.Options.Add(Token);
        devices.Subcommands.Add(Set());
        devices.Subcommands.Add(Cmd());
        devices.Subcommands.Add(Bulk());
        devices.Subcommands.Add(State());
        devices.Subcommands.Add(Snapshot());
    }

    private static Command Set()
    {
        var id = new Argument<string>("ID");
        var pairs = new Argument<string[]>("KEY=VALUE") { Arity = ArgumentArity.OneOrMore };
        var cmd = new Command("set", CliText.T("cli2.control.set")) { id, pairs, CliOptions.Json };
        cmd.SetAction((r, ct) => RunAsync(r, async api =>
        {
            var response = await api.SendJsonAsync(HttpMethod.Put, $"/api/v1/devices/{r.GetValue(id)}/desired", KeyValueArgs.Parse(r.GetValue(pairs)!), ct);
            return Print(r, response, b => CliText.T("cli2.control.stored", b["version"], Drift(b["view"])));
        }));
        return cmd;
    }

    private static Command Cmd()
    {
        var id = new Argument<string>("ID");
        var op = new Argument<string>("OP") { Description = CliText.T("cli2.control.op") };
        var args = new Option<string[]>("--arg") { Description = CliText.T("cli2.control.arg"), AllowMultipleArgumentsPerToken = false };
        var timeout = new Option<int?>("--timeout") { Description = CliText.T("cli2.control.timeout") };
        var cmd = new Command("cmd", CliText.T("cli2.control.cmd")) { id, op, args, timeout, CliOptions.Json };
        cmd.SetAction((r, ct) => RunAsync(r, async api =>
        {
            var body = new { op = r.GetValue(op), args = KeyValueArgs.Parse(r.GetValue(args) ?? []), timeout = r.GetValue(timeout) };
            var response = await api.SendJsonAsync(HttpMethod.Post, $"/api/v1/devices/{r.GetValue(id)}/commands", body, ct);
            var code = Print(r, response, b => $"{b["id"]}: {b["status"]} {b["error"]} {b["result"]?.ToJsonString()}".TrimEnd());
            return code == 0 && response.Node?["status"]?.GetValue<string>() != "ok" ? 2 : code;
        }));
        return cmd;
    }

    private static Command Bulk()
    {
        var zone = new Option<string?>("--zone") { Recursive = true };
        var kind = new Option<string?>("--kind") { Recursive = true };
        var device = new Option<string[]>("--device") { Description = CliText.T("cli2.control.devices"), Recursive = true };
        var at = new Option<string?>("--at") { Description = CliText.T("cli2.control.at"), Recursive = true };
        var timeout = new Option<int?>("--timeout") { Description = CliText.T("cli2.control.bulk-timeout"), Recursive = true };
        var bulk = new Command("bulk", CliText.T("cli2.control.bulk")) { zone, kind, device, at, timeout };

        var pairs = new Argument<string[]>("KEY=VALUE") { Arity = ArgumentArity.OneOrMore };
        var set = new Command("set", CliText.T("cli2.control.bulk-set")) { pairs, CliOptions.Json };
        var target = new BulkTarget(zone, kind, device, at, timeout);
        set.SetAction((r, ct) => RunBulkAsync(r, target, new { set = KeyValueArgs.Parse(r.GetValue(pairs)!) }, ct));

        var op = new Argument<string>("OP");
        var args = new Option<string[]>("--arg") { Description = CliText.T("cli2.control.arg") };
        var command = new Command("cmd", CliText.T("cli2.control.bulk-cmd")) { op, args, CliOptions.Json };
        command.SetAction((r, ct) => RunBulkAsync(r, target, new { cmd = new { op = r.GetValue(op), args = KeyValueArgs.Parse(r.GetValue(args) ?? []) } }, ct));

        bulk.Subcommands.Add(set);
        bulk.Subcommands.Add(command);
        return bulk;
    }

    private static Task<int> RunBulkAsync(ParseResult r, BulkTarget t, object action, CancellationToken ct) =>
        RunAsync(r, async api =>
        {
            var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(action))!.AsObject();
            body["zone"] = r.GetValue(t.Zone);
            body["kind"] = r.GetValue(t.Kind);
            body["devices"] = r.GetValue(t.Devices) is { Length: > 0 } ids ? new JsonArray(ids.Select(i => (JsonNode?)i).ToArray()) : null;
            body["at"] = r.GetValue(t.At);
            body["timeoutSeconds"] = r.GetValue(t.Timeout);
            var response = await api.SendJsonAsync(HttpMethod.Post, "/api/v1/bulk", body, ct);
            if (!response.Ok || r.GetValue(CliOptions.Json) || response.Status == 202)
            {
                return Print(r, response, b => CliText.T("cli.control.scheduled", b["id"], b["dueAt"], b["devices"]?.AsArray().Count));
            }

            var results = response.Node!["results"]!.AsArray();
            CliOutput.WriteTable(
                [CliText.T("cli.control.col-device"), CliText.T("cli.control.col-status"), CliText.T("cli.control.col-detail")],
                results.Select(x => (IReadOnlyList<string>)[$"{x!["deviceId"]}", CliText.Label("cli.outcome.", x["status"]?.ToString()), $"{x["detail"]}"]));
            Console.Out.WriteLine(CliText.T("cli.control.succeeded", response.Node!["succeeded"], response.Node!["total"], CliText.Label("cli.outcome.", response.Node!["outcome"]?.ToString())));
            return response.Node!["outcome"]?.GetValue<string>() == "done" ? 0 : 2;
        });

    private static Command State()
    {
        var id = new Argument<string>("ID");
        var cmd = new Command("state", CliText.T("cli2.control.state")) { id, CliOptions.Json };
        cmd.SetAction((r, ct) => RunAsync(r, async api =>
        {
            var response = await api.GetAsync($"/api/v1/devices/{r.GetValue(id)}/state", ct);
            if (!response.Ok || r.GetValue(CliOptions.Json))
            {
                return Print(r, response, _ => "");
            }

            var b = response.Node!;
            var desired = b["desired"]?["state"]?.AsObject() ?? [];
            var reported = b["reported"]?["state"]?.AsObject() ?? [];
            var drift = b["drift"]!.AsArray().Select(d => d!.GetValue<string>()).ToHashSet();
            Console.Out.WriteLine(CliText.T("cli2.control.state-head", b["id"], b["kind"], b["status"], b["desired"]?["version"] ?? 0, b["reported"]?["version"] ?? 0)
                + (drift.Contains("version") ? CliText.T("cli.control.not-applied") : ""));
            CliOutput.WriteTable(
                [.. CliText.Columns("key", "desired", "reported"), ""],
                desired.Select(kv => kv.Key).Union(reported.Select(kv => kv.Key)).Select(k => (IReadOnlyList<string>)[k, desired[k]?.ToJsonString() ?? "-", reported[k]?.ToJsonString() ?? "-", drift.Contains(k) ? CliText.T("cli2.control.drift-mark") : ""]));
            foreach (var (key, why) in b["errors"]?.AsObject() ?? [])
            {
                Console.Out.WriteLine(CliText.T("cli.control.device-error", key, why));
            }

            return 0;
        }));
        return cmd;
    }

    private static Command Snapshot()
    {
        var id = new Argument<string>("ID");
        var output = new Option<string?>("--out") { Description = CliText.T("cli2.control.snap-out") };
        var cmd = new Command("snapshot", CliText.T("cli2.control.snapshot")) { id, output };
        cmd.SetAction((r, ct) => RunAsync(r, async api =>
        {
            var device = r.GetValue(id)!;
            var response = await api.SendJsonAsync(HttpMethod.Post, $"/api/v1/devices/{device}/commands", new { op = "snapshot" }, ct);
            if (!response.Ok || response.Node?["status"]?.GetValue<string>() != "ok")
            {
                return response.Ok ? CliOutput.Fail(CliText.T("cli2.control.snapshot-failed", response.Node?["status"], response.Node?["error"])) : CliOutput.Fail(response.Error ?? $"HTTP {response.Status}");
            }

            var commandId = response.Node!["id"]!.GetValue<string>();
            var type = response.Node!["result"]?["type"]?.GetValue<string>() == "image/png" ? ".png" : ".jpg";
            var path = r.GetValue(output) ?? $"{device}-{commandId}{type}";
            await File.WriteAllBytesAsync(path, await api.GetBytesAsync($"/api/v1/devices/{device}/snapshots/{commandId}", ct), ct);
            Console.Out.WriteLine(CliText.T("cli.control.snapshot-saved", path));
            return 0;
        }));
        return cmd;
    }

    private static async Task<int> RunAsync(ParseResult r, Func<HubApiClient, Task<int>> body)
    {
        try
        {
            var config = HubConfiguration.ForCli([]);
            var token = HubApiClient.FindToken(r.GetValue(Token), config, r.GetValue(CliOptions.DataDir))
                ?? throw new FormatException(CliText.T("cli.api.token-needed"));
            var hub = r.GetValue(Hub) is { } url ? new Uri(url) : HubApiClient.DefaultHub(config);
            using var api = new HubApiClient(hub, token, HubApiClient.CommandTimeout);
            return await body(api);
        }
        catch (Exception ex) when (ex is HttpRequestException or FormatException or IOException or TaskCanceledException)
        {
            return CliOutput.Fail(ex is HttpRequestException ? CliText.T("cli.api.unreachable", ex.Message) : CliText.Say(ex));
        }
    }

    private static int Print(ParseResult r, ApiAnswer response, Func<JsonNode, string> human)
    {
        if (!response.Ok)
        {
            return CliOutput.Fail(response.Error ?? $"HTTP {response.Status}");
        }

        if (r.GetValue(CliOptions.Json))
        {
            Console.Out.WriteLine(response.Node?.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        }
        else if (response.Node is { } b)
        {
            Console.Out.WriteLine(human(b));
        }

        return 0;
    }

    private static string Drift(JsonNode? view) =>
        view?["drift"] is JsonArray { Count: > 0 } d ? string.Join(", ", d.Select(x => x!.GetValue<string>())) : CliText.T("cli2.control.no-drift");

    private sealed record BulkTarget(Option<string?> Zone, Option<string?> Kind, Option<string[]> Devices, Option<string?> At, Option<int?> Timeout);
}
