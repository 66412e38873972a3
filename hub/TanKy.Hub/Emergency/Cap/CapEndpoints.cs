using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using TanKy.Hub.Accounts;
using TanKy.Hub.Accounts.Http;
using TanKy.Hub.Shared.Text;
using TanKy.Protocol;

namespace TanKy.Hub.Emergency.Cap;

/// <summary>
/// <c>POST /api/v1/cap</c> (application/cap+xml or application/xml) and <c>GET /api/v1/cap</c>.
/// Officers and admins only. The role is checked in the handler rather than by policy so that a
/// refused attempt is audited like every other emergency trigger. The account says who may post;
/// the message's <c>sender</c> must be proved on top of it, by an enveloped signature or the
/// sender's token in <c>X-Cap-Token</c> (403 otherwise, audited).
/// </summary>
public static class CapEndpoints
{
    private static readonly string[] MediaTypes = ["application/cap+xml", "application/xml", "text/xml"];

    /// <summary>The header carrying a CAP sender's token (`tanky-hub cap senders add --token`).</summary>
    public const string SenderTokenHeader = "X-Cap-Token";

    public static void MapCapEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/cap").RequireAuthorization(Policies.Read);
        api.MapPost("", SubmitAsync).WithName("SubmitCap").WithSummary("Submit a CAP 1.2 alert; 400 lists every structural problem");
        api.MapGet("", (int? limit, ClaimsPrincipal principal, CapAlertStore store, HttpContext http) =>
            MayUseCap(principal.ToUser()) ? Results.Ok(store.Recent(limit ?? 100)) : Forbidden(http, "cap.problem.role-read"))
            .WithName("ListCap").WithSummary("CAP alerts seen, newest first, with what the hub did");
    }

    private static async Task<IResult> SubmitAsync(HttpRequest request, ClaimsPrincipal principal, CapIntakeService intake, TriggerAudit audit, IOptions<CapOptions> options, CancellationToken ct)
    {
        var user = principal.ToUser();
        var remote = request.HttpContext.Connection.RemoteIpAddress?.ToString();
        if (!MayUseCap(user))
        {
            var auditId = audit.Record(new TriggerAttempt(user.Name, user.Role.ToWire(), TriggerChannel.Cap, TriggerAction.Start, null, "CAP submission", [], remote, false, "role may not submit CAP alerts"));
            return Forbidden(request.HttpContext, "cap.problem.role-submit", auditId);
        }

        var mediaType = request.ContentType?.Split(';')[0].Trim();
        if (mediaType is null || !MediaTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
        {
            return Results.Problem(statusCode: 415, title: request.HttpContext.Say("cap.problem.media-type"), detail: request.HttpContext.Say("cap.problem.media-type-got", request.ContentType ?? "—"));
        }

        var body = await ReadBoundedAsync(request.Body, options.Value.MaxBytes, ct);
        if (body is null)
        {
            return Malformed(request.HttpContext, [request.HttpContext.Say("cap.problem.too-large", options.Value.MaxBytes)]);
        }

        var token = request.Headers[SenderTokenHeader].ToString();
        var result = await intake.SubmitAsync(body, new CapSubmission("http", user.Name, remote, user.Role.ToWire(), token.Length == 0 ? null : token), ct);
        if (result.Malformed)
        {
            return Malformed(request.HttpContext, result.Errors);
        }

        if (result.Refusal is not null)
        {
            return Results.Problem(statusCode: 403, title: request.HttpContext.Say("cap.problem.sender"), detail: result.Refusal,
                extensions: new Dictionary<string, object?> { ["audit"] = result.RefusalAuditId });
        }

        var dto = CapAlertDto.From(result.Decision!, result);
        return result.Failure is null
            ? Results.Ok(dto)
            : Results.Problem(statusCode: 503, title: request.HttpContext.Say("cap.problem.failed"), detail: HubText.Default.Render(result.Failure, HubText.LanguageOf(request.HttpContext)), extensions: new Dictionary<string, object?> { ["decision"] = dto });
    }

    private static bool MayUseCap(User user) => user.Role is Role.Admin or Role.Officer;

    private static IResult Malformed(HttpContext http, IReadOnlyList<string> errors) =>
        Results.Problem(statusCode: 400, title: http.Say("cap.problem.malformed"), detail: errors[0], extensions: new Dictionary<string, object?> { ["errors"] = errors });

    private static IResult Forbidden(HttpContext http, string detailKey, long? auditId = null) => Results.Problem(statusCode: 403, title: http.Say("cap.problem.forbidden"), detail: http.Say(detailKey),
        extensions: auditId is { } id ? new Dictionary<string, object?> { ["audit"] = id } : null);

    private static async Task<byte[]?> ReadBoundedAsync(Stream body, int maxBytes, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int n;
        while ((n = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, n);
        }

        return buffer.ToArray();
    }
}
