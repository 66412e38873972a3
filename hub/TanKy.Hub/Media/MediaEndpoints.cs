using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TanKy.Hub.Accounts.Http;
using TanKy.Hub.Shared.Text;
using TanKy.Hub.Shared.Web;

namespace TanKy.Hub.Media;

/// <summary>
/// <c>/api/v1/media</c>: any signed-in user lists and reads clips; officers, admins and hamlet
/// heads upload. Rejections are 400 problems with a stable <c>code</c> (see <see cref="MediaRejection.Code"/>).
/// </summary>
public static class MediaEndpoints
{
    /// <summary>Room for the multipart boundaries and the title on top of the file itself.</summary>
    private const long MultipartSlack = 64 * 1024;

    public static void MapMediaEndpoints(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<MediaOptions>>().Value;
        var requestLimit = options.MaxUploadBytes + MultipartSlack;
        var api = app.MapGroup("/api/v1/media").RequireAuthorization(Policies.Read);

        api.MapGet("", List)
            .WithName("ListMedia").WithSummary("Clips newest first: uploads by default; ?kind=speech for text-to-speech announcements, ?kind=all for both");

        api.MapGet("/{id}", (string id, MediaLibrary library) =>
            library.Get(id) is { } item ? Results.Ok(MediaDto.From(item)) : ApiProblems.Result(404, "api2.media.not-found"))
            .WithName("GetMedia").WithSummary("One clip");

        api.MapGet("/imports", (HttpContext http, ClaimsPrincipal principal, MediaImportJobs jobs) =>
            Results.Ok(jobs.Kept(principal.IsInRole("admin") ? null : principal.Identity?.Name ?? "unknown").Select(j => MediaImportJobDto.From(j, HubText.LanguageOf(http)))))
            .WithName("ListMediaImports").WithSummary("Background imports kept (those finished within 7 days), newest first: the caller's own; an admin sees everyone's");

        api.MapGet("/imports/{id}", (string id, HttpContext http, MediaImportJobs jobs) =>
            jobs.Get(id) is { } job ? Results.Ok(MediaImportJobDto.From(job, HubText.LanguageOf(http))) : ApiProblems.Result(404, "api2.media.import-not-found"))
            .WithName("GetMediaImport").WithSummary("A background import (an upload of at least Media:BackgroundImportBytes): queued, running, done, refused or failed");

        // The form is read by hand: the hub-wide 1 MB body limit is lifted for this endpoint only,
        // and a body over the limit must become a 400 with a reason, not a bare connection reset.
        api.MapPost("", UploadAsync)
            .RequireAuthorization(p => p.RequireRole("admin", "officer", "hamlet-head"))
            .WithMetadata(new RequestSizeLimitAttribute(DrainLimit(options)))
            .WithFormOptions(multipartBodyLengthLimit: requestLimit)
            .WithName("UploadMedia").WithSummary("Upload a WAV or MP3 (multipart/form-data: file, title); it is normalised to −16 LUFS and encoded to Opus. A file of at least Media:BackgroundImportBytes is imported in the background: 202 with the job (Location: /api/v1/media/imports/{id})");
    }

    private static IResult List(string? kind, MediaLibrary library) => kind switch
    {
        null or "" or MediaRow.KindClip => Results.Ok(library.List().Select(MediaDto.From)),
        MediaRow.KindSpeech => Results.Ok(library.List(MediaKind.Speech).Select(MediaDto.From)),
        "all" => Results.Ok(library.ListAll().Select(MediaDto.From)),
        _ => ApiProblems.Result(400, "api2.media.bad-kind", new TextMessage("api2.media.bad-kind-detail", kind), Code("bad-kind")),
    };

    private static async Task<IResult> UploadAsync(HttpRequest request, ClaimsPrincipal principal, MediaLibrary library, MediaImportJobs jobs, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return ApiProblems.Described(400, "api2.media.not-multipart", null, Code("not-multipart"));
        }

        var tooLarge = MediaRejection.TooLarge(library.Options.MaxUploadBytes);
        if (request.ContentLength > DrainLimit(library.Options))
        {
            // Far too large to read through: refused on its length before a byte of it is read (a
            // client that sends "Expect: 100-continue" gets this without uploading anything).
            return Rejected(tooLarge, StatusCodes.Status413PayloadTooLarge);
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (Exception ex) when (ex is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } || ex is InvalidDataException && ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            // Read the rest of the body before answering: answering first and closing made the
            // client's send fail with a broken pipe (seen under load), so it never read the reason.
            await DrainAsync(request, ct);
            return Rejected(tooLarge);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            return ApiProblems.Described(400, "api2.media.bad-form", null, Code("bad-form", ex.Message));
        }

        var file = form.Files.GetFile("file");
        if (file is null)
        {
            return ApiProblems.Described(400, "api2.media.missing-file", null, Code("missing-file"));
        }

        await using var content = file.OpenReadStream();
        if (file.Length >= library.Options.BackgroundImportBytes || PrefersAsync(request))
        {
            // A long recording takes a minute of CPU: answer now and let the client poll. The console
            // always asks for this (Prefer: respond-async): the import then belongs to the hub, not to
            // the request, so an officer who leaves the page while it is processing still gets the clip.
            var (job, rejection) = await jobs.StartAsync(content, file.FileName, form["title"].ToString(), principal.Identity?.Name ?? "unknown", ct);
            if (job is null)
            {
                return Rejected(rejection!);
            }

            var accepted = MediaImportJobDto.From(job, HubText.LanguageOf(request.HttpContext));
            if (PrefersAsync(request))
            {
                request.HttpContext.Response.Headers["Preference-Applied"] = "respond-async";
            }

            return Results.Accepted(accepted.Location, accepted);
        }

        var result = await library.ImportAsync(content, file.FileName, form["title"].ToString(), principal.Identity?.Name ?? "unknown", ct);
        if (!result.Succeeded)
        {
            return Rejected(result.Rejection);
        }

        var dto = MediaDto.From(result.Item);
        return result.Duplicate ? Results.Ok(dto) : Results.Created($"/api/v1/media/{dto.Id}", dto);
    }

    /// <summary>RFC 7240 <c>Prefer: respond-async</c>: the client wants a background job whatever the file's size.</summary>
    private static bool PrefersAsync(HttpRequest request) =>
        request.Headers["Prefer"].Any(v => v is not null && v.Split(',').Any(p => p.Trim().Equals("respond-async", StringComparison.OrdinalIgnoreCase)));

    // The title is the refusal in the reader's language; the detail says the limit or what is wrong
    // with the title when there is something to say to people. The probe's technical diagnosis
    // ("no 'data' chunk") is kept for support as detailEn, English, never shown as the reason.
    private static IResult Rejected(MediaRejection rejection, int status = StatusCodes.Status400BadRequest) => rejection.Explained is { } why
        ? ApiProblems.Result(status, rejection.Key, why, Code(rejection.Code, rejection.Detail))
        : ApiProblems.Described(status, rejection.Key, null, Code(rejection.Code, rejection.Detail));

    /// <summary>
    /// Kestrel's limit for an upload: twice the form's, so that a body over the form's limit can be
    /// read to its end before the 400 goes out; a longer one is refused from its Content-Length.
    /// </summary>
    private static long DrainLimit(MediaOptions options) => 2 * (options.MaxUploadBytes + MultipartSlack);

    /// <summary>Reads what is left of the body, up to Kestrel's limit for this endpoint; a body longer than that ends the connection.</summary>
    private static async Task DrainAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            await request.Body.CopyToAsync(Stream.Null, ct);
        }
        catch (Exception ex) when (ex is BadHttpRequestException or IOException)
        {
        }
    }

    private static Dictionary<string, object?> Code(string code, string? detailEn = null) =>
        detailEn is null ? new() { ["code"] = code } : new() { ["code"] = code, ["detailEn"] = detailEn };
}
