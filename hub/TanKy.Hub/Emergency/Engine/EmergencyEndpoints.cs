using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TanKy.Hub.Accounts;
using TanKy.Hub.Broadcasts;
using TanKy.Hub.Media;
using TanKy.Hub.Accounts.Http;
using TanKy.Protocol;
using TanKy.Hub.Shared.Text;
using TanKy.Hub.Shared.Web;

namespace TanKy.Hub.Emergency.Engine;

/// <summary>
/// <c>/api/v1/emergency</c>: trigger (JSON or multipart with a fresh recording), cancel, and read
/// the audit. Every trigger goes through <see cref="EmergencyGuard"/>, so a hamlet head reaches
/// only their own zones and every attempt — refused ones included — is audited with the
/// caller's address. Refused requests are refused before any upload is imported or text spoken.
/// </summary>
public static class EmergencyEndpoints
{
    private const long MultipartSlack = 64 * 1024;

    public static void MapEmergencyEndpoints(this IEndpointRouteBuilder app)
    {
        var limit = app.ServiceProvider.GetRequiredService<IOptions<MediaOptions>>().Value.MaxUploadBytes + MultipartSlack;
        var api = app.MapGroup("/api/v1/emergency").RequireAuthorization(Policies.Read);
        api.MapPost("", TriggerAsync)
            .WithMetadata(new RequestSizeLimitAttribute(limit))
            .WithFormOptions(multipartBodyLengthLimit: limit)
            .WithName("TriggerEmergency").WithSummary("Start an emergency broadcast (202); 403 outside your hamlets (audited)");
        api.MapDelete("/{id}", CancelAsync).WithName("CancelEmergency").WithSummary("Cancel an emergency broadcast");
        api.MapGet("/audit", Audit).WithName("EmergencyAudit").WithSummary("Every emergency trigger, refused ones included, newest first");
    }

    private static async Task<IResult> TriggerAsync(HttpRequest http, ClaimsPrincipal principal, EmergencyContent content, EmergencyGuard guard, TriggerAudit audit, CancellationToken ct)
    {
        var user = principal.ToUser();
        var remote = http.HttpContext.Connection.RemoteIpAddress?.ToString();
        var channel = HttpChannel.Of(http.HttpContext);
        // Authorise before reading the body: a role that can never trigger is refused (and audited)
        // without reading what it sent, so a viewer cannot make the hub buffer a 50 MB upload.
        if (EmergencyAuthorizer.AuthorizeRole(user) is { Allowed: false } roleRefusal)
        {
            var auditId = audit.Record(new TriggerAttempt(user.Name, user.Role.ToWire(), channel, TriggerAction.Start, null,
                new TextMessage("emergency.what.unread").Encode(), [], remote, false, roleRefusal.Reason));
            return Forbidden(roleRefusal.Reason, auditId);
        }

        var (body, file, readError) = await EmergencyBodyReader.ReadAsync(http, ct);
        var error = readError ?? EmergencyContent.Check(body!, file);
        if (error is not null)
        {
            audit.Record(new TriggerAttempt(user.Name, user.Role.ToWire(), channel, TriggerAction.Start, ClassOf(body),
                EmergencyContent.Describe(body, file), body?.Zones ?? [], remote, false, error));
            return Invalid(error);
        }

        var draft = EmergencyContent.Draft(body!, user.Name, [], channel);
        var outcome = EmergencyAuthorizer.Authorize(user, draft.Zones);
        if (!outcome.Allowed)
        {
            var refused = guard.Refuse(user, draft, remote, outcome.Reason, EmergencyContent.Describe(body, file));
            return Forbidden(refused.Reason, refused.AuditId);
        }

        try
        {
            var request = await content.ResolveAsync(body!, file, user.Name, channel, ct);
            var result = await guard.TriggerAsync(user, request, remote, ct);
            return result.Allowed
                ? Results.Accepted($"/api/v1/broadcasts/{result.BroadcastId}", new { id = result.BroadcastId, media = request.MediaIds, audit = result.AuditId })
                : Forbidden(result.Reason, result.AuditId);
        }
        catch (EmergencyContentException ex)
        {
            audit.Record(new TriggerAttempt(user.Name, user.Role.ToWire(), channel, TriggerAction.Start, draft.Class,
                EmergencyContent.Describe(body, file), draft.Zones, remote, false, ex.Text.Encode()));
            return Invalid(ex.Text.Encode());
        }
        catch (BroadcastRequestException ex)
        {
            // The guard's row was written as allowed and now carries this failure.
            return Invalid(ex.Text.Encode());
        }
    }

    private static async Task<IResult> CancelAsync(string id, HttpRequest http, ClaimsPrincipal principal, IBroadcastService broadcasts, IEmergencyTrigger trigger, TriggerAudit audit, CancellationToken ct)
    {
        var user = principal.ToUser();
        var record = broadcasts.Get(id);
        if (record is null)
        {
            return ApiProblems.Result(404, "api.broadcast.not-found");
        }

        var outcome = EmergencyAuthorizer.Authorize(user, record.Zones);
        var ended = record.Status is BroadcastStatus.Finished or BroadcastStatus.Cancelled or BroadcastStatus.Failed;
        var allowed = outcome.Allowed && !ended;
        var auditId = audit.Record(new TriggerAttempt(user.Name, user.Role.ToWire(), HttpChannel.Of(http.HttpContext), TriggerAction.Cancel,
            EnumWire.TryParse<BulletinClass>(record.Class, out var cls) ? cls : null, new TextMessage("api2.what.cancel", id).Encode(), record.Zones,
            http.HttpContext.Connection.RemoteIpAddress?.ToString(), allowed, !outcome.Allowed ? outcome.Reason : ended ? new TextMessage("emergency.reason.ended", StatusKey(record.Status)).Encode() : outcome.Reason, id));
        if (!outcome.Allowed)
        {
            return Forbidden(outcome.Reason, auditId);
        }

        if (ended)
        {
            return ApiProblems.Result(409, "api.broadcast.ended", new TextMessage("api.broadcast.ended-detail", id, StatusKey(record.Status)),
                new Dictionary<string, object?> { ["audit"] = auditId });
        }

        // The row is written before the stop, like a start: a crash mid-cancel still shows who asked.
        await trigger.CancelAsync(id, user.Name, ct);
        return Results.Ok(new { id, status = broadcasts.Get(id)?.Status, audit = auditId });
    }

    private static BulletinClass? ClassOf(EmergencyBody? body) => body?.Class switch
    {
        null or "emergency" => BulletinClass.Emergency,
        "priority" => BulletinClass.Priority,
        _ => null,
    };

    private static IResult Audit(HttpContext http, ClaimsPrincipal principal, TriggerAudit audit, HubText text, DateTimeOffset? from, DateTimeOffset? to, string? actor, string? outcome, string? zone, int? limit)
    {
        var user = principal.ToUser();
        if (user.Role is not (Role.Admin or Role.Officer))
        {
            return ApiProblems.Result(403, "api.forbidden", "api.emergency.audit-forbidden");
        }

        bool? allowed = outcome switch { "allowed" => true, "refused" => false, null => null, _ => null };
        if (outcome is not (null or "allowed" or "refused") || limit is < 1 or > 1000)
        {
            return Invalid(new TextMessage("emergency.invalid.audit-query").Encode());
        }

        // Reasons are stored as text keys: the answer carries them in the request's language.
        var language = HubText.LanguageOf(http);
        return Results.Ok(audit.Query(new TriggerAuditQuery(from, to, actor, allowed, zone, limit ?? 200))
            .Select(e => e with { What = text.Render(e.What, language), Reason = e.Reason is null ? null : TriggerAudit.RenderReason(text, e.Reason, language) }));
    }

    private static IResult Forbidden(string reason, long auditId) =>
        ApiProblems.Stored(403, "api.emergency.refused", reason, new Dictionary<string, object?> { ["audit"] = auditId });

    // A reason is a stored text message, or the words of another feature's exception (a broadcast refused).
    private static IResult Invalid(string reason) => ApiProblems.Stored(400, "api.emergency.invalid", reason);

    // A broadcast's status in words ("đã dừng"), through the broadcast status keys.
    private static string StatusKey(string status) => "emergency.status." + status;
}
