using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using TanKy.Hub.Accounts;
using TanKy.Hub.Devices;
using TanKy.Hub.Accounts.Http;
using TanKy.Hub.Broadcasts.Relay;
using TanKy.Protocol;
using TanKy.Hub.Shared.Text;
using TanKy.Hub.Shared.Web;

namespace TanKy.Hub.Broadcasts.Api;

/// <summary>
/// <c>/api/v1/broadcasts</c>: play, list, inspect and stop broadcasts. Admins and officers reach
/// every zone, hamlet heads only their own (for every class, emergency included); technicians
/// and viewers may read but not broadcast.
/// </summary>
public static class BroadcastEndpoints
{
    public const int DefaultListLimit = 50;
    public const int MaxListLimit = 500;
    private static readonly string[] Sources = ["api", "cli", "console"];

    public static void MapBroadcastEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/broadcasts").RequireAuthorization(Policies.Read);
        api.MapPost("", PlayAsync).WithName("PlayBroadcast").WithSummary("Play a stored clip, or relay a registered source, to zones (202: on the air or queued)");
        api.MapGet("", List).WithName("ListBroadcasts").WithSummary("Broadcasts, newest first");
        api.MapGet("/{id}", Get).WithName("GetBroadcast").WithSummary("One broadcast with its decisions and delivery report");
        api.MapGet("/{id}/relay-status", RelayApi.Status).WithName("GetRelayStatus").WithSummary("A relay's live status: receiving, level, dropouts");
        api.MapDelete("/{id}", StopAsync).WithName("StopBroadcast").WithSummary("Stop a broadcast everywhere");
    }

    private static async Task<IResult> PlayAsync(PlayBroadcastBody? body, HttpContext http, IBroadcastService service, ZoneRegistry zones, [FromServices] IBroadcastAudit? audit, CancellationToken ct)
    {
        var user = http.User.ToUser();
        var trail = new BroadcastAuditTrail(audit, http, user, isStop: false, body is null ? null : BroadcastAuditTrail.ClassOf(body.Class),
            What(body), [.. (body?.Zones ?? []).Where(z => z is not null)]);
        if (!CanBroadcast(user.Role))
        {
            var reason = new TextMessage("api2.bc.role-may-not", "role." + user.Role.ToWire());
            return Forbidden(reason, trail.Write(false, reason.Encode()));
        }

        if (Read(body, user, zones) is not { } request)
        {
            var reason = ReadError(body, zones) ?? new TextMessage("api2.bc.no-body");
            trail.Write(false, reason.Encode());
            return Invalid(reason);
        }

        var outside = request.Zones.Where(z => !user.CanReachZone(z)).Distinct().ToList();
        if (outside.Count > 0)
        {
            var reason = new TextMessage("api2.bc.outside", string.Join(", ", outside));
            return Forbidden(reason, trail.Write(false, reason.Encode()));
        }

        // Written before the engine is called: a crash mid-start still leaves who asked.
        var auditId = trail.Write(true, new TextMessage("api2.bc.reaches", "role." + user.Role.ToWire()).Encode());
        try
        {
            var ticket = await service.PlayAsync(request, ct);
            trail.Completed(auditId, ticket.BroadcastId, null);
            return Results.Accepted($"/api/v1/broadcasts/{ticket.BroadcastId}", new { id = ticket.BroadcastId, stream = ticket.StreamId, status = ticket.Status, audit = auditId });
        }
        catch (BroadcastRequestException ex)
        {
            // The engine's refusal (unknown media, volume…) as a text key: the audit row and the answer show it in the reader's language.
            trail.Completed(auditId, null, ex.Text.Encode());
            return ApiProblems.Stored(400, "api2.bc.invalid", ex.Text.Encode());
        }
    }

    /// <summary>The request the body describes, or null when <see cref="ReadError"/> has a reason.</summary>
    private static BroadcastRequest? Read(PlayBroadcastBody? body, User user, ZoneRegistry zones)
    {
        if (body is null || ReadError(body, zones) is not null)
        {
            return null;
        }

        var cls = body.Class is null ? BulletinClass.Normal : EnumWire.TryParse<BulletinClass>(body.Class, out var c) ? c.Value : BulletinClass.Normal;
        PreemptionPolicy? policy = body.Policy is not null && EnumWire.TryParse<PreemptionPolicy>(body.Policy, out var p) ? p : null;
        return new BroadcastRequest(body.Media ?? "", cls, body.Zones ?? [], user.Name, body.Source ?? "api", body.Volume, policy, Relay: RelayApi.Read(body).Relay);
    }

    private static TextMessage? ReadError(PlayBroadcastBody? body, ZoneRegistry zones)
    {
        if (body is null)
        {
            return new TextMessage("api2.bc.no-body");
        }

        if (body.Class is not null && !EnumWire.TryParse<BulletinClass>(body.Class, out _))
        {
            return new TextMessage("api2.bc.bad-class", body.Class);
        }

        if (body.Policy is not null && !EnumWire.TryParse<PreemptionPolicy>(body.Policy, out _))
        {
            return new TextMessage("api2.bc.bad-policy", body.Policy);
        }

        if (body.Source is not null && !Sources.Contains(body.Source))
        {
            return new TextMessage("api2.bc.bad-source", body.Source);
        }

        if (RelayApi.Read(body).Error is { } relayError)
        {
            return relayError;
        }

        var unknown = (body.Zones ?? []).Where(z => z is null || !zones.Exists(z)).ToList();
        return unknown.Count > 0 ? new TextMessage("api2.bc.unknown-zones", string.Join(", ", unknown)) : null;
    }

    private static IResult List(int? limit, HttpContext http, ClaimsPrincipal principal, IBroadcastService service)
    {
        var count = limit ?? DefaultListLimit;
        if (count is < 1 or > MaxListLimit)
        {
            return Invalid(new TextMessage("api2.bc.limit", MaxListLimit));
        }

        var user = principal.ToUser();
        var language = HubText.LanguageOf(http);
        return Results.Ok(service.List(count, user.Role.IsZoneScoped() ? user.Zones : null).Select(r => Shown(r, language)));
    }

    private static IResult Get(string id, HttpContext http, ClaimsPrincipal principal, IBroadcastService service, [FromServices] RelayBroadcasts relays)
    {
        var record = service.Get(id);
        if (record is null)
        {
            return NotFound();
        }

        if (!principal.ToUser().CanReachAny(record.Zones))
        {
            return Forbidden(new TextMessage("api2.bc.outside-one", id), null);
        }

        var language = HubText.LanguageOf(http);
        var decisions = service.Decisions(id).Select(d => BroadcastDecisionDto.From(d, language)).ToList();
        var relay = relays.Find(id) is { } r ? RelayStatusDto.Of(id, r.Relay, r.Running) : null;
        return Results.Ok(new BroadcastDetailDto(Shown(record, language), decisions, service.GetDeliveryReport(id), relay));
    }

    private static async Task<IResult> StopAsync(string id, HttpContext http, IBroadcastService service, [FromServices] IBroadcastAudit? audit, CancellationToken ct)
    {
        var user = http.User.ToUser();
        var record = service.Get(id);
        var trail = new BroadcastAuditTrail(audit, http, user, isStop: true, record is null ? BulletinClass.Normal : BroadcastAuditTrail.ClassOf(record.Class), new TextMessage("api2.what.stop", id).Encode(), record?.Zones ?? []);
        if (!CanBroadcast(user.Role))
        {
            var reason = new TextMessage("api2.bc.role-may-not-stop", "role." + user.Role.ToWire());
            return Forbidden(reason, trail.Write(false, reason.Encode(), id));
        }

        if (record is null)
        {
            return NotFound();
        }

        var outside = record.Zones.Where(z => !user.CanReachZone(z)).ToList();
        if (outside.Count > 0)
        {
            var reason = new TextMessage("api2.bc.stop-outside", id, string.Join(", ", outside));
            return Forbidden(reason, trail.Write(false, reason.Encode(), id));
        }

        var result = await service.StopAsync(id, user.Name, ct);
        var status = service.Get(id)?.Status;
        var auditId = trail.Write(result == StopResult.Stopped, result == StopResult.Stopped
            ? new TextMessage("api2.bc.stopped-by-role", "role." + user.Role.ToWire()).Encode()
            : new TextMessage("api2.bc.already", "emergency.status." + status).Encode(), id);
        return result switch
        {
            StopResult.Stopped => Results.Ok(new { id, status = BroadcastStatus.Cancelled, audit = auditId }),
            StopResult.AlreadyEnded => ApiProblems.Result(409, "api.broadcast.ended", new TextMessage("api.broadcast.ended-detail", id, "emergency.status." + status)),
            _ => NotFound(),
        };
    }

    // The audit's "what" as a stored text message, shown in the reader's language.
    private static string What(PlayBroadcastBody? body)
    {
        // A class the hub knows is shown as its word (class.* keys); an unreadable one as it was sent.
        var wire = body?.Class ?? "normal";
        var cls = EnumWire.TryParse<BulletinClass>(wire, out _) ? "class." + wire : wire;
        return (body?.Relay?.Source is { } relay ? new TextMessage("relayair.what", cls, relay)
            : body?.Media is { } media ? new TextMessage("api2.what.media", cls, media) : new TextMessage("api2.what.none", cls)).Encode();
    }

    // The end reason is stored as a text key and its arguments ("stopped by" a person or a CAP
    // message): shown in the request's language.
    private static BroadcastRecord Shown(BroadcastRecord r, string language) =>
        r.EndReason is null ? r : r with { EndReason = HubText.Default.Render(r.EndReason, language) };

    private static bool CanBroadcast(Role role) => role is Role.Admin or Role.Officer or Role.HamletHead;

    private static IResult Invalid(TextMessage reason) => ApiProblems.Result(400, "api2.bc.invalid", reason);

    /// <summary>403 with the id of the audit row written for it (absent for normal broadcasts, which are not audited).</summary>
    private static IResult Forbidden(TextMessage reason, long? auditId) =>
        ApiProblems.Result(403, "api.forbidden", reason, auditId is { } id ? new Dictionary<string, object?> { ["audit"] = id } : null);

    private static IResult NotFound() => ApiProblems.Result(404, "api.broadcast.not-found");
}
