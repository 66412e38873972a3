using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace TanKy.Hub.Shared.Web;

/// <summary>
/// Refuses a body over the hub-wide limit (Kestrel's <c>MaxRequestBodySize</c>) from its
/// <c>Content-Length</c>, before any endpoint, authentication or JSON reader touches it, and so that
/// the client reads the 413. Left to the framework, the 413 went out while the client was still
/// sending and Kestrel closed the connection on the unread rest: under load the client's send failed
/// with a broken pipe before it read the answer ("Error while copying content to a stream"). A body
/// up to <see cref="DrainBytes"/> is therefore read to its end and thrown away first (bounded work);
/// a larger one is refused at once and the connection closes (a client that sends
/// <c>Expect: 100-continue</c> gets the 413 without sending anything). Endpoints with their own size
/// limit (media uploads) keep their own handling.
/// </summary>
public static class OversizeBodyGuard
{
    /// <summary>The most a refused body is read through so the client can read the answer: 4 MiB.</summary>
    public const long DrainBytes = 4 * 1024 * 1024;

    public static void Use(IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var length = context.Request.ContentLength;
        var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (length is not { } bytes || limit is not { MaxRequestBodySize: { } max } || bytes <= max
            || context.GetEndpoint()?.Metadata is { } metadata && (metadata.GetMetadata<IRequestSizeLimitMetadata>() is not null || metadata.GetMetadata<OwnBodyLimit>() is not null))
        {
            await next(context);
            return;
        }

        if (bytes <= DrainBytes && !limit.IsReadOnly)
        {
            limit.MaxRequestBodySize = bytes;
            await DrainAsync(context.Request.Body, context.RequestAborted);
        }
        else
        {
            // Not read: the connection cannot be reused.
            context.Response.Headers.Connection = "close";
        }

        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status413PayloadTooLarge },
        });
    });

    private static async Task DrainAsync(Stream body, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (await body.ReadAsync(buffer, ct) > 0)
            {
            }
        }
        catch (Exception ex) when (ex is IOException or BadHttpRequestException or OperationCanceledException)
        {
            // The client gave up or lied about the length: the answer is still 413.
        }
    }
}

/// <summary>Endpoint metadata: the endpoint sets and enforces its own body limit while reading (camera snapshots).</summary>
public sealed class OwnBodyLimit
{
    public static readonly OwnBodyLimit Instance = new();

    private OwnBodyLimit()
    {
    }
}
