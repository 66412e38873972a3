using System.Text.Json;
using System.Text.Json.Nodes;
using TanKy.Hub.Conformance.Run;
using TanKy.Hub.Devices.Control.Commands;
using TanKy.Protocol;

namespace TanKy.Hub.Conformance.Clauses;

/// <summary>
/// §4.9: the kind's own op, sent the way an operator sends it (validated, on the command ledger,
/// under the runner's name), and the reply's <c>data</c> checked against the table of its kind.
/// LED boards and gateways have no op of their own.
/// </summary>
internal sealed class KindCommandClause(CommandService commands)
{
    public async Task RunAsync(RunContext r, CancellationToken ct)
    {
        if (OpOf(r.Device.Kind) is not { } kindOp)
        {
            return;
        }

        var (section, op, args, check) = kindOp;
        var name = ClauseText.M("conf2.name.kind-op", r.Device.Kind.ToWire(), op);
        var issued = await commands.IssueAsync(r.Device.Id, op, args, r.Options.ReplyTimeout, r.By, ct);
        var done = await commands.WaitAsync(issued.Id, ct);
        if (done.Status != CommandStatus.Ok)
        {
            r.Add(ClauseResult.Failed(section, name, ClauseText.M("conf2.r.op-status", done.Status, done.Error ?? "")));
            return;
        }

        r.Add(check(done.Result) is { } problem
            ? ClauseResult.Failed(section, name, ClauseText.M("conf2.r.op-bad-data", problem, done.Result?.ToJsonString() ?? "-"))
            : ClauseResult.Ok(section, name, ClauseText.M("conf2.r.op-ok", done.Result?.ToJsonString() ?? "-")));
    }

    private static KindOp? OpOf(DeviceKind kind) => kind switch
    {
        DeviceKind.Speaker => new("§4.9.1", "tone", new JsonObject { ["freq_hz"] = 1000, ["seconds"] = 1 }, d => Number(d, "freq_hz") == 1000 && Number(d, "seconds") == 1 ? null : "conf2.why.tone-data"),
        DeviceKind.WifiAp => new("§4.9.2", "status", null, d => d?["open"] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? null : "conf2.why.status-data"),
        DeviceKind.Camera => new("§4.9.3", "snapshot", null, d => Number(d, "bytes") > 0 && d?["type"] is JsonValue t && t.GetValueKind() == JsonValueKind.String ? null : "conf2.why.snapshot-data"),
        _ => null,
    };

    private static double? Number(JsonObject? data, string name) =>
        data?[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<double>() : null;

    private sealed record KindOp(string Section, string Op, JsonObject? Args, Func<JsonObject?, string?> Check);
}
