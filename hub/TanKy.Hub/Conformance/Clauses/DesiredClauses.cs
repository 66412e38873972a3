using System.Text.Json.Nodes;
using TanKy.Hub.Conformance.Run;
using TanKy.Hub.Devices;
using TanKy.Hub.Devices.Control;
using TanKy.Protocol;
using TanKy.Protocol.Messages;

namespace TanKy.Hub.Conformance.Clauses;

/// <summary>
/// §4.4 desired → reported, with the per-kind keys of §4.9. The kit sets each key to the value the
/// device already should have (its current desired value, else the kind's default), so a run
/// changes nothing on a device in service; a speaker's <c>zones</c> are its registry zones.
/// </summary>
internal sealed class DesiredClauses(DeviceControlService control, DesiredStateService desired)
{
    public const string ProbeKey = "conformance_probe";

    /// <summary>A valid change through the hub's validation: the reported state must echo its version and every key, retained.</summary>
    public async Task EchoAsync(RunContext r, CancellationToken ct)
    {
        const string clause = "§4.4", name = "conf2.name.desired-echo";
        var current = desired.GetDesired(r.Device.Id)?.State ?? [];
        var changes = KindKeys(r, current);
        var from = r.Inbox.Mark;
        var sent = await control.SetDesiredAsync(r.Device.Id, changes, r.By, ct);
        var got = await r.WaitReportedAsync(from, x => x.Version == sent.Version, r.Options.ReportedTimeout, ct);
        if (got?.Message is not ReportedStateMessage reported)
        {
            var last = r.LastReported(from);
            r.Add(ClauseResult.Failed(clause, name, last is null
                ? ClauseText.M("conf2.r.no-reported-of", ClauseText.N(r.Options.ReportedTimeout.TotalSeconds), sent.Version)
                : ClauseText.M("conf2.r.wrong-version", last.Version, sent.Version)));
            return;
        }

        var wrong = changes
            .Where(kv => !JsonNode.DeepEquals(reported.State[kv.Key], kv.Value) || reported.Errors?.ContainsKey(kv.Key) == true)
            .Select(kv => reported.Errors?.TryGetValue(kv.Key, out var e) == true
                ? ClauseText.M("conf2.r.key-error", kv.Key, reported.State[kv.Key]?.ToJsonString() ?? "-", e, kv.Value?.ToJsonString())
                : ClauseText.M("conf2.r.key-wrong", kv.Key, reported.State[kv.Key]?.ToJsonString() ?? "-", kv.Value?.ToJsonString()))
            .ToList();
        if (wrong.Count > 0)
        {
            r.Add(ClauseResult.Failed(clause, name, ClauseText.All(wrong.Prepend(ClauseText.M("conf2.r.not-applied", sent.Version)))));
        }
        else if (!got.Retained)
        {
            r.Add(ClauseResult.Failed(clause, name, ClauseText.M("conf2.r.reported-not-retained")));
        }
        else
        {
            r.Add(ClauseResult.Ok(clause, name, ClauseText.M("conf2.r.echo-ok", sent.Version, string.Join(", ", changes.Select(kv => kv.Key)))));
        }
    }

    /// <summary>A key no device knows (set past the hub's validation): applied as an error in <c>errors</c>, then removed again.</summary>
    public async Task UnknownKeyAsync(RunContext r, CancellationToken ct)
    {
        const string clause = "§4.4", name = "conf2.name.desired-unknown";
        var from = r.Inbox.Mark;
        var sent = await desired.SetAsync(r.Device.Id, new JsonObject { [ProbeKey] = "x" }, r.By, ct);
        ClauseResult result;
        try
        {
            var got = await r.WaitReportedAsync(from, x => x.Version == sent.Version, r.Options.ReportedTimeout, ct);
            result = got?.Message switch
            {
                null => ClauseResult.Failed(clause, name, ClauseText.M("conf2.r.no-reported-last", sent.Version, r.LastReported(from)?.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-")),
                ReportedStateMessage m when m.Errors is { } errors && errors.TryGetValue(ProbeKey, out var why) && !m.State.ContainsKey(ProbeKey) =>
                    ClauseResult.Ok(clause, name, ClauseText.M("conf2.r.probe-ok", ProbeKey, why)),
                ReportedStateMessage m => ClauseResult.Failed(clause, name, m.State.ContainsKey(ProbeKey)
                    ? ClauseText.M("conf2.r.probe-applied", ProbeKey)
                    : ClauseText.M("conf2.r.probe-no-error", sent.Version, ProbeKey)),
                _ => ClauseResult.Failed(clause, name, ClauseText.M("conf2.r.unexpected")),
            };
        }
        finally
        {
            // Leave the desired state as it was (one more version without the probe key).
            await desired.SetAsync(r.Device.Id, new JsonObject { [ProbeKey] = null }, r.By, CancellationToken.None);
        }

        r.Add(result);
    }

    private static JsonObject KindKeys(RunContext r, JsonObject current)
    {
        JsonNode? Keep(string key, JsonNode fallback) => current[key]?.DeepClone() ?? fallback;
        var changes = r.Device.Kind switch
        {
            DeviceKind.Speaker => new JsonObject { ["volume"] = Keep("volume", 70), ["mute"] = Keep("mute", false), ["power"] = Keep("power", true) },
            DeviceKind.WifiAp => new JsonObject { ["ssid_broadcast"] = Keep("ssid_broadcast", true), ["max_clients"] = Keep("max_clients", 64) },
            DeviceKind.Camera => new JsonObject { ["power"] = Keep("power", true), ["recording"] = Keep("recording", true) },
            DeviceKind.LedBoard => new JsonObject { ["power"] = Keep("power", true), ["brightness"] = Keep("brightness", 80) },
            _ => [],
        };

        if (r.Device.Kind == DeviceKind.Speaker)
        {
            // All the registry's zones (the test zone is one of them): the desired zones are the
            // registry's (issue #15), so a run never takes a zone away from a speaker.
            changes["zones"] = new JsonArray(r.Device.Zones.Select(z => (JsonNode?)z).ToArray());
        }

        return changes;
    }
}
