using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TanKy.Hub.Accounts.Http;
using TanKy.Hub.Broadcasts.Archive;
using TanKy.Hub.Broadcasts.History;
using TanKy.Hub.Web.Console.Text;

namespace TanKy.Hub.Broadcasts.Api;

/// <summary>
/// <c>GET /api/v1/broadcasts/{id}/recording</c>: the archived Ogg Opus file of a broadcast, for the
/// history page's &lt;audio&gt;. Same scope rule as the delivery report (a hamlet head reaches only
/// broadcasts touching their hamlets). Range requests are served, so the browser can read the last
/// page's granule position (the duration) and seek without downloading the whole file.
/// </summary>
internal static class RecordingEndpoint
{
    public const string ContentType = "audio/ogg; codecs=opus";

    public static IResult Get(string id, HttpContext http)
    {
        var services = http.RequestServices;
        var text = services.GetRequiredService<ConsoleText>();
        var language = ConsoleText.LanguageOf(http);
        var record = services.GetRequiredService<IBroadcastService>().Get(id);
        if (record is null)
        {
            return Problem(404, text.Get("bcast.api.notFound", language));
        }

        if (!http.User.ToUser().CanReachAny(record.Zones))
        {
            return Problem(403, text.Get("bcast.api.outside", language));
        }

        var archive = services.GetRequiredService<IBroadcastArchive>();
        var recording = archive.Find(id);
        if (recording is null || !BroadcastHistory.Playable.Contains(recording.Status))
        {
            return Problem(404, text.Get("bcast.api.noRecording", language));
        }

        var path = archive.GetFullPath(recording);
        if (!File.Exists(path))
        {
            return Problem(404, text.Get("bcast.api.noRecording", language));
        }

        // Finished recordings never change: a browser may keep them.
        http.Response.Headers.CacheControl = "private, max-age=86400";
        return Results.File(path, ContentType, fileDownloadName: null, lastModified: recording.EndedAt, enableRangeProcessing: true);
    }

    private static IResult Problem(int status, string title) => Results.Problem(statusCode: status, title: title);
}
