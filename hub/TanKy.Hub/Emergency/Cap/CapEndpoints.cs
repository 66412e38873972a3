using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using TanKy.Hub.Accounts;
using TanKy.Hub.Accounts.Http;
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
        api.MapGet("", (int? limit, ClaimsPrincipal principal, CapAlertStore store) =>
            MayUseCap(principal.ToUser()) ? Results.Ok(store.Recent(limit ?? 100)) : Forbidden("only officers and admins read CAP alerts"))
            .WithName("ListCap").WithSummary("CAP alerts seen, newest first, with what the hub did");
    }

    private static async Task<IResult> SubmitAsync(HttpRequest request, ClaimsPrincipal principal, CapIntakeService intake, TriggerAudit audit, IOptions<CapOptions> options, CancellationToken ct)
    {
        var user = principal.ToUser();
        var remote = request.HttpContext.Connection.RemoteIpAddress?.ToString();
        if (!MayUseCap(user))
        {
            var auditId = audit.Record(new TriggerAttempt(user.Name, user.Role.ToWire(), TriggerChannel.Cap, TriggerAction.Start, null, "CAP submission", [], remote, false, "role may not submit CAP alerts"));
            return Forbidden("only officers and admins submit CAP alerts", auditId);
        }

        var mediaType = request.ContentType?.Split(';')[0].Trim();
        if (mediaType is null || !MediaTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
        {
            return Results.Problem(statusCode: 415, title: "Cần Content-Type application/cap+xml / unsupported content type", detail: $"got '{request.ContentType}'");
        }

        var body = await ReadBoundedAsync(request.Body, options.Value.MaxBytes, ct);
        if (body is null)
        {
            return Malformed([$"alert: the message is larger than {options.Value.MaxBytes} bytes"]);
        }

        var token = request.Headers[SenderTokenHeader].ToString();
        var result = await intake.SubmitAsync(body, new CapSubmission("http", user.Name, remote, user.Role.ToWire(), token.Length == 0 ? null : token), ct);
        if (result.Malformed)
        {
            return Malformed(result.Errors);
        }

        if (result.Refusal is not null)
        {
            return Results.Problem(statusCode: 403, title: "Không xác thực được nơi gửi bản tin CAP / CAP sender not authenticated", detail: result.Refusal,
                extensions: new Dictionary<string, object?> { ["audit"] = result.RefusalAuditId });
        }

        var dto = CapAlertDto.From(result.Decision!, result);
        return result.Failure is null
            ? Results.Ok(dto)
            : Results.Problem(statusCode: 503, title: "Không phát được cảnh báo / the alert could not be broadcast", detail: result.Failure, extensions: new Dictionary<string, object?> { ["decision"] = dto });
    }

    private static bool MayUseCap(User user) => user.Role is Role.Admin or Role.Officer;

    private static IResult Malformed(IReadOnlyList<string> errors) =>
        Results.Problem(statusCode: 400, title: "Bản tin CAP không hợp lệ / malformed CAP message", detail: errors[0], extensions: new Dictionary<string, object?> { ["errors"] = errors });

    private static IResult Forbidden(string detail, long? auditId = null) => Results.Problem(statusCode: 403, title: "Không có quyền / forbidden", detail: detail,
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
