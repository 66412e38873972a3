using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using TanKy.Hub.Conformance.Run;
using TanKy.Hub.Devices;
using TanKy.Hub.Media;
using TanKy.Hub.Schedules;
using TanKy.Hub.Schedules.Precache;
using TanKy.Hub.Shared.Web;
using TanKy.Protocol.Messages;
using TanKy.Protocol.Time;

namespace TanKy.Hub.Conformance.Clauses;

/// <summary>
/// §4.11 pre-cache: a clip of the library ordered through the desired key <c>cache</c> must be
/// downloaded, verified and reported <c>ready</c>; the same clip ordered with a wrong SHA-256 must
/// be reported <c>failed</c>, never <c>ready</c>. The order's <c>at</c> is a day ahead and the
/// previous <c>cache</c> value is put back afterwards, so nothing is played from it.
/// </summary>
internal sealed class CacheClause(
    DesiredStateService desired,
    MediaLibrary library,
    StreamFileInfo files,
    PrecacheGrants grants,
    IOptions<ScheduleOptions> schedules,
    IConfiguration config,
    IServiceProvider services)
{
    public async Task RunAsync(RunContext r, CancellationToken ct)
    {
        const string clause = "§4.11";
        var clip = library.List().Select(m => (m.Id, File: files.Describe(m.Id))).FirstOrDefault(m => m.File is not null);
        var baseUrl = schedules.Value.PrecacheBaseUrl ?? HubHttpAddress.First(config, services);
        if (clip.File is not { } file || baseUrl is null)
        {
            var why = baseUrl is null ? "conf2.why.no-address" : "conf2.why.no-media";
            r.Add(ClauseResult.Failed(clause, "conf2.name.precache", ClauseText.M("conf2.r.not-tested", why)));
            r.Add(ClauseResult.Failed(clause, "conf2.name.precache-bad-sha", ClauseText.M("conf2.r.not-tested", why)));
            return;
        }

        var before = desired.GetDesired(r.Device.Id)?.State["cache"]?.DeepClone();
        var at = r.Now.AddDays(1);
        grants.Grant(r.Device.Id, [(clip.Id, at.AddHours(2))]);
        try
        {
            var good = Item(r, clip.Id, file.Sha256, file.Size, at, baseUrl);
            r.Add(await OrderAsync(r, good, clip.Id, "ready", "conf2.name.precache", ct));

            var wrongSha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(file.Sha256)));
            var bad = Item(r, clip.Id, wrongSha, file.Size, at, baseUrl);
            r.Add(await OrderAsync(r, bad, clip.Id, "failed", "conf2.name.precache-bad-sha", ct));
        }
        finally
        {
            await desired.SetAsync(r.Device.Id, new JsonObject { ["cache"] = before }, r.By, CancellationToken.None);
        }
    }

    private static JsonObject Item(RunContext r, string media, string sha256, long size, DateTimeOffset at, string baseUrl) => new()
    {
        ["stream"] = RunContext.NewId("cf-"),
        ["media"] = media,
        ["sha256"] = sha256,
        ["size"] = size,
        ["at"] = UnixMicros.From(at),
        ["url"] = $"{baseUrl.TrimEnd('/')}/api/v1/devices/{r.Device.Id}/media/{media}/stream",
    };

    private async Task<ClauseResult> OrderAsync(RunContext r, JsonObject item, string media, string expected, string name, CancellationToken ct)
    {
        const string clause = "§4.11";
        var from = r.Inbox.Mark;
        var sent = await desired.SetAsync(r.Device.Id, new JsonObject { ["cache"] = new JsonArray(item) }, r.By, ct);

        // The node reports "downloading" first, then "ready" or "failed" (rule 2): wait for the verdict.
        var got = await r.WaitReportedAsync(from, x => x.Version == sent.Version && State(x, media) is "ready" or "failed", r.Options.CacheTimeout, ct);
        if (got?.Message is ReportedStateMessage m)
        {
            var state = State(m, media);
            return state == expected
                ? ClauseResult.Ok(clause, name, ClauseText.M("conf2.r.cache-state", media, state))
                : ClauseResult.Failed(clause, name, expected == "failed"
                    ? ClauseText.M("conf2.r.cache-bad-sha-kept", media, state)
                    : ClauseText.M("conf2.r.cache-not-ready", media, state));
        }

        var same = r.Inbox.Since(from, x => x.Message is ReportedStateMessage rs && rs.Version == sent.Version);
        var last = same.Count > 0 ? same[^1].Message as ReportedStateMessage : null;
        return ClauseResult.Failed(clause, name, last is null
            ? ClauseText.M("conf2.r.no-reported-in", sent.Version, ClauseText.N(r.Options.CacheTimeout.TotalSeconds))
            : ClauseText.M("conf2.r.cache-still", media, State(last, media) ?? "-", ClauseText.N(r.Options.CacheTimeout.TotalSeconds), expected));
    }

    private static string? State(ReportedStateMessage m, string media) =>
        m.State["cache"] is JsonObject cache && cache[media] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
