using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using TanKy.Hub.Accounts;
using TanKy.Hub.Devices;
using TanKy.Hub.Accounts.Http;
using TanKy.Protocol;

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
        api.MapPost("", PlayAsync).WithName("PlayBroadcast").WithSummary("Play a stored clip to zones (202: on the air or queued)");
        api.MapGet("", List).WithName("ListBroadcasts").WithSummary("Broadcasts, newest first");
        api.MapGet("/{id}", Get).WithName("GetBroadcast").WithSummary("One broadcast with its decisions and delivery report");
        api.MapDelete("/{id}", StopAsync).WithName("StopBroadcast").WithSummary("Stop a broadcast everywhere");
    }

    private static async Task<IResult> PlayAsync(PlayBroadcastBody? body, HttpContext http, IBroadcastService service, ZoneRegistry zones, [FromServices] IBroadcastAudit? audit, CancellationToken ct)
    {
        var user = http.User.ToUser();
        var trail = new BroadcastAuditTrail(audit, http, user, isStop: false, body is null ? null : BroadcastAuditTrail.ClassOf(body.Class),
            $"{body?.Class ?? "normal"}: media {body?.Media ?? "(none)"}", [.. (body?.Zones ?? []).Where(z => z is not null)]);
        if (!CanBroadcast(user.Role))
        {
            var reason = $"role '{user.Role.ToWire()}' may not broadcast";
            return Forbidden(reason, trail.Write(false, reason));
        }

        if (Read(body, user, zones) is not { } request)
        {
            var reason = ReadError(body, zones) ?? "invalid request";
            trail.Write(false, reason);
            return Invalid(reason);
        }

        var outside = request.Zones.Where(z => !user.CanReachZone(z)).Distinct().ToList();
        if (outside.Count > 0)
        {
            var reason = $"zone(s) outside your hamlets: {string.Join(", ", outside)}";
            return Forbidden(reason, trail.Write(false, reason));
        }

        // Written before the engine is called: a crash mid-start still leaves who asked.
        var auditId = trail.Write(true, $"{user.Role.ToWire()} reaches these zones");
        try
        {
            var ticket = await service.PlayAsync(request, ct);
            trail.Completed(auditId, ticket.BroadcastId, null);
            return Results.Accepted($"/api/v1/broadcasts/{ticket.BroadcastId}", new { id = ticket.BroadcastId, stream = ticket.StreamId, status = ticket.Status, audit = auditId });
        }
        catch (BroadcastRequestException ex)
        {
            trail.Completed(auditId, null, ex.Message);
            return Invalid(ex.Message);
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
        return new BroadcastRequest(body.Media ?? "", cls, body.Zones ?? [], user.Name, body.Source ?? "api", body.Volume, policy);
    }

    private static string? ReadError(PlayBroadcastBody? body, ZoneRegistry zones)
    {
        if (body is null)
        {
            return "a JSON body {zones, media, class, volume?} is required";
        }

        if (body.Class is not null && !EnumWire.TryParse<BulletinClass>(body.Class, out _))
        {
            return $"bad class '{body.Class}' (normal, priority or emergency)";
        }

        if (body.Policy is not null && !EnumWire.TryParse<PreemptionPolicy>(body.Policy, out _))
        {
            return $"bad policy '{body.Policy}' (resume, restart or skip)";
        }

        if (body.Source is not null && !Sources.Contains(body.Source))
        {
            return $"bad source '{body.Source}' (api, cli or console)";
        }

        var unknown = (body.Zones ?? []).Where(z => z is null || !zones.Exists(z)).ToList();
        return unknown.Count > 0 ? $"unknown zone(s): {string.Join(", ", unknown)}" : null;
    }

    private static IResult List(int? limit, ClaimsPrincipal principal, IBroadcastService service)
    {
        var count = limit ?? DefaultListLimit;
        if (count is < 1 or > MaxListLimit)
        {
            return Invalid($"limit must be 1–{MaxListLimit}");
        }

        var user = principal.ToUser();
        return Results.Ok(service.List(count, user.Role.IsZoneScoped() ? user.Zones : null));
    }

    private static IResult Get(string id, ClaimsPrincipal principal, IBroadcastService service)
    {
        var record = service.Get(id);
        if (record is null)
        {
            return NotFound();
        }

        if (!principal.ToUser().CanReachAny(record.Zones))
        {
            return Forbidden($"broadcast '{id}' is outside your hamlets", null);
        }

        var decisions = service.Decisions(id).Select(BroadcastDecisionDto.From).ToList();
        return Results.Ok(new BroadcastDetailDto(record, decisions, service.GetDeliveryReport(id)));
    }

    private static async Task<IResult> StopAsync(string id, HttpContext http, IBroadcastService service, [FromServices] IBroadcastAudit? audit, CancellationToken ct)
    {
        var user = http.User.ToUser();
        var record = service.Get(id);
        var trail = new BroadcastAuditTrail(audit, http, user, isStop: true, record is null ? BulletinClass.Normal : BroadcastAuditTrail.ClassOf(record.Class), $"stop {id}", record?.Zones ?? []);
        if (!CanBroadcast(user.Role))
        {
            var reason = $"role '{user.Role.ToWire()}' may not stop broadcasts";
            return Forbidden(reason, trail.Write(false, reason, id));
        }

        if (record is null)
        {
            return NotFound();
        }

        var outside = record.Zones.Where(z => !user.CanReachZone(z)).ToList();
        if (outside.Count > 0)
        {
            var reason = $"broadcast '{id}' also plays in zone(s) outside your hamlets: {string.Join(", ", outside)}";
            return Forbidden(reason, trail.Write(false, reason, id));
        }

        var result = await service.StopAsync(id, user.Name, ct);
        var status = service.Get(id)?.Status;
        var auditId = trail.Write(result == StopResult.Stopped, result == StopResult.Stopped ? $"stopped by {user.Role.ToWire()}" : $"broadcast already {status}", id);
        return result switch
        {
            StopResult.Stopped => Results.Ok(new { id, status = BroadcastStatus.Cancelled, audit = auditId }),
            StopResult.AlreadyEnded => Results.Problem(statusCode: 409, title: "Bản tin đã kết thúc / broadcast already ended", detail: $"broadcast '{id}' is {status}"),
            _ => NotFound(),
        };
    }

    private static bool CanBroadcast(Role role) => role is Role.Admin or Role.Officer or Role.HamletHead;

    private static IResult Invalid(string reason) =>
        Results.Problem(statusCode: 400, title: "Yêu cầu phát không hợp lệ / invalid broadcast request", detail: reason);

    /// <summary>403 with the id of the audit row written for it (absent for normal broadcasts, which are not audited).</summary>
    private static IResult Forbidden(string reason, long? auditId) =>
        Results.Problem(statusCode: 403, title: "Không có quyền / forbidden", detail: reason,
            extensions: auditId is { } id ? new Dictionary<string, object?> { ["audit"] = id } : null);

    private static IResult NotFound() =>
        Results.Problem(statusCode: 404, title: "Không tìm thấy bản tin / broadcast not found");
}
