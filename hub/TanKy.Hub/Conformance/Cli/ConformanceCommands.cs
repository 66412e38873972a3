using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using TanKy.Hub.Shared;
using TanKy.Hub.Shared.Cli;

namespace TanKy.Hub.Conformance.Cli;

/// <summary>
/// <c>tanky-hub conformance run --device ID [--zone Z] [--json] [--out FILE]</c>: asks the running
/// hub to run the kit (<c>POST /api/v1/devices/{id}/conformance</c>) and prints one line per
/// clause. Exit code 0 = every clause passed, 2 = the run finished with a failure, 1 = refused
/// or the hub unreachable.
/// </summary>
public static class ConformanceCommands
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Build()
    {
        var hub = new Option<string?>("--hub") { Description = CliText.T("cli2.opt.hub") };
        var token = new Option<string?>("--token") { Description = CliText.T("cli2.conf.token") };
        var device = new Option<string>("--device") { Description = CliText.T("cli2.conf.device"), Required = true };
        var zone = new Option<string?>("--zone") { Description = CliText.T("cli2.conf.zone") };
        var output = new Option<string?>("--out") { Description = CliText.T("cli2.conf.out") };
        var run = new Command("run", CliText.T("cli2.conf.run"))
        {
            device, zone, hub, token, output, CliOptions.Json,
        };
        run.SetAction((r, ct) => RunAsync(r, r.GetValue(device)!, r.GetValue(zone), r.GetValue(hub), r.GetValue(token), r.GetValue(output), ct));
        return new Command("conformance", CliText.T("cli2.conf")) { run };
    }

    private static async Task<int> RunAsync(ParseResult r, string device, string? zone, string? hubUrl, string? tokenOption, string? output, CancellationToken ct)
    {
        ApiAnswer answer;
        try
        {
            var config = HubConfiguration.ForCli([]);
            var token = HubApiClient.FindToken(tokenOption, config, r.GetValue(CliOptions.DataDir))
                ?? throw new FormatException(CliText.T("cli.api.token-needed"));
            using var api = new HubApiClient(hubUrl is { } url ? new Uri(url) : HubApiClient.DefaultHub(config), token, HubApiClient.CommandTimeout);
            Console.Error.WriteLine(CliText.T("cli.conformance.testing", device, api.Hub));
            answer = await api.SendJsonAsync(HttpMethod.Post, $"/api/v1/devices/{Uri.EscapeDataString(device)}/conformance", new { zone }, ct);
        }
        catch (Exception ex) when (ex is FormatException or UriFormatException or IOException)
        {
            return CliOutput.Fail(ex.Message);
        }

        if (!answer.Ok || answer.Node is not JsonObject report)
        {
            return CliOutput.Fail(answer.Error ?? $"HTTP {answer.Status}");
        }

        var json = report.ToJsonString(Indented);
        if (output is not null)
        {
            await File.WriteAllTextAsync(output, json + Environment.NewLine, ct);
        }

        if (r.GetValue(CliOptions.Json))
        {
            Console.Out.WriteLine(json);
        }
        else
        {
            Print(report);
        }

        return report["passed"]?.GetValue<bool>() == true ? 0 : 2;
    }

    private static void Print(JsonObject report)
    {
        foreach (var c in report["clauses"]?.AsArray() ?? [])
        {
            var passed = c?["verdict"]?.GetValue<string>() == ClauseResult.Pass;
            // The hub answers names and reasons in the CLI's language (Accept-Language, --lang).
            Console.Out.WriteLine(CliText.T("conf2.cli.line", c?["clause"], c?["name"], CliText.T(passed ? "conf2.cli.pass" : "conf2.cli.fail"), c?["reason"]));
        }

        var verdict = CliText.T(report["passed"]?.GetValue<bool>() == true ? "cli.conformance.passed" : "cli.conformance.failed");
        Console.Out.WriteLine(CliText.T("cli.conformance.summary", report["device"], report["kind"], report["passedCount"], report["failedCount"], verdict, report["protocol"], report["run"]));
    }
}
