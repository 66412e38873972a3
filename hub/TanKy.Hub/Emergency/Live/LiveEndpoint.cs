using TanKy.Hub.Broadcasts;
using TanKy.Hub.Emergency;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TanKy.Hub.Accounts;
using TanKy.Hub.Devices;
using TanKy.Hub.Accounts.Http;
using TanKy.Hub.Broadcasts.Live;
using TanKy.Protocol;

using TanKy.Hub.Shared.Text;
using TanKy.Hub.Shared.Web;

namespace TanKy.Hub.Emergency.Live;

/// <summary>
/// <c>GET /api/v1/live?zones=khoi-1,xom-3&amp;class=emergency|priority</c>, upgraded to a WebSocket:
/// live voice from the web console. The token comes in <c>Authorization: Bearer …</c> or, because
/// browsers cannot set headers on a WebSocket, in the query as <c>access_token=…</c> (never logged;
/// use HTTPS so it is not seen on the way). Authorisation is the emergency rule (hamlet heads only
/// their own zones) and every attempt is audited, refused ones included, before the upgrade.
/// </summary>
public static class LiveEndpoint
{
    public static void MapLiveEndpoint(this IEndpointRouteBuilder app)
    {
        app.Map("/api/v1/live", HandleAsync).AllowAnonymous().WithName("LiveVoice")
            .WithSummary("WebSocket: first {format:pcm16, rate} or {format:opus}, then audio; goes on the air with the first audio");
        app.MapPost("/api/v1/live/arecord", ArecordAsync).RequireAuthorization(Policies.Read).WithName("LiveSoundCard")
            .WithSummary("Put the gateway's sound-card input (Live:Arecord:Device) on the air: ?zones=…&class=…; stop it with DELETE /api/v1/emergency/{id}");
    }

    private static async Task<IResult> ArecordAsync(HttpContext http, ZoneRegistry registry, TriggerAudit audit, ArecordLiveSource arecord, ILoggerFactory logs, CancellationToken ct)
    {
        var user = http.User.ToUser();
        var zones = http.Request.Query["zones"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        var cls = http.Request.Query["class"].ToString() == "priority" ? BulletinClass.Priority : BulletinClass.Emergency;
        var outcome = zones.Any(z => !registry.Exists(z)) ? AuthorizationOutcome.Refuse(new("emergency.reason.unknown-zone")) : EmergencyAuthorizer.Authorize(user, zones);
        var reason = !outcome.Allowed ? outcome.Reason : arecord.Configured ? outcome.Reason : new TextMessage("emergency.reason.no-card").Encode();
        var auditId = audit.Record(new TriggerAttempt(user.Name, user.Role.ToWire(), HttpChannel.Of(http), TriggerAction.Start, cls, new TextMessage("emergency.what.live-card", "class." + cls.ToWire()).Encode(),
            zones, http.Connection.RemoteIpAddress?.ToString(), outcome.Allowed && arecord.Configured, reason));
        if (!outcome.Allowed)
        {
            return Refused(outcome.Reason, auditId);
        }

        if (!arecord.Configured)
        {
            return ApiProblems.Result(404, "api.live.no-card", "api.live.no-card-detail");
        }

        try
        {
            var id = await arecord.StartAsync(zones, cls, user.Name, ct);
            audit.SetBroadcast(auditId, id);
            return Results.Accepted($"/api/v1/broadcasts/{id}", new { id });
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            // The sound card's own words (arecord, ALSA) are for the log; the speaker reads a sentence.
            logs.CreateLogger(typeof(LiveEndpoint).FullName!).LogError(ex, "Live broadcast from the sound card could not start");
            audit.SetFailed(auditId, TriggerAudit.Failed);
            return ApiProblems.Stored(503, "api.live.capture-failed", TriggerAudit.Failed);
        }
    }

    private static async Task HandleAsync(HttpContext http, TokenService tokens, ZoneRegistry registry, TriggerAudit audit, LiveSessions sessions, IOptions<LiveOptions> options, ILoggerFactory logs)
    {
        var user = http.User.Identity?.IsAuthenticated == true ? http.User.ToUser() : tokens.Validate(http.Request.Query["access_token"].ToString());
        if (user is null)
        {
            await ApiProblems.Result(401, "api.live.token-required", "api.live.token-detail").ExecuteAsync(http);
            return;
        }

        var zones = http.Request.Query["zones"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        var clsText = http.Request.Query["class"].ToString() is { Length: > 0 } c ? c : "emergency";
        var remote = http.Connection.RemoteIpAddress?.ToString();
        var what = new TextMessage("emergency.what.live-voice", clsText is "emergency" or "priority" ? "class." + clsText : clsText).Encode();
        var channel = HttpChannel.Of(http);
        BulletinClass? cls = clsText switch { "emergency" => BulletinClass.Emergency, "priority" => BulletinClass.Priority, _ => null };
        var error = clsText is not ("emergency" or "priority") ? new TextMessage("emergency.invalid.class", clsText)
            : zones.Count == 0 ? new TextMessage("emergency.invalid.zones")
            : zones.FirstOrDefault(z => !registry.Exists(z)) is { } unknown ? new TextMessage("emergency.invalid.unknown-zone", unknown)
            : !http.WebSockets.IsWebSocketRequest ? new TextMessage("emergency.invalid.websocket")
            : null;
        if (error is not null)
        {
            audit.Record(new TriggerAttempt(user.Name, user.Role.ToWire(), channel, TriggerAction.Start, cls, what, zones, remote, false, error.Encode()));
            await ApiProblems.Result(400, "api.live.invalid", error).ExecuteAsync(http);
            return;
        }

        var outcome = EmergencyAuthorizer.Authorize(user, zones);
        var auditId = audit.Record(new TriggerAttempt(user.Name, user.Role.ToWire(), channel, TriggerAction.Start, cls, what, zones, remote, outcome.Allowed, outcome.Reason));
        if (!outcome.Allowed)
        {
            await Refused(outcome.Reason, auditId).ExecuteAsync(http);
            return;
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        var session = new LiveVoiceSession(socket, sessions, options.Value, logs.CreateLogger("TanKy.Hub.Broadcasts.Live.LiveVoiceSession"));
        await session.RunAsync(zones, cls!.Value, user.Name, id => audit.SetBroadcast(auditId, id), http.RequestAborted);
    }

    private static IResult Refused(string reason, long auditId) =>
        ApiProblems.Stored(403, "api.live.refused", reason, new Dictionary<string, object?> { ["audit"] = auditId });
}
