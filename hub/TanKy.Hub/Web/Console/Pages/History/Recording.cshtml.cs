using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TanKy.Hub.Accounts.Http;
using TanKy.Hub.Broadcasts;
using TanKy.Hub.Broadcasts.History;
using TanKy.Hub.Web.Console.Text;

namespace TanKy.Hub.Web.Console.Pages.History;

/// <summary>
/// <c>GET /history/recording/{id}</c>: a broadcast's archived Ogg Opus file for the history page's
/// &lt;audio&gt;. Same scope rule as the delivery report (<c>GET /api/v1/broadcasts/{id}</c>): a hamlet
/// head reaches only broadcasts touching their hamlets. Range requests are served, so the browser
/// reads the last page's granule position (the length) and seeks without fetching the whole file.
/// </summary>
[Authorize]
public sealed class RecordingModel(IBroadcastService broadcasts, BroadcastHistory history, Translate t) : PageModel
{
    public IActionResult OnGet(string id)
    {
        var record = broadcasts.Get(id);
        if (record is null)
        {
            return Problem(404, "history.rec.notFound");
        }

        if (!User.ToUser().CanReachAny(record.Zones))
        {
            return Problem(403, "history.rec.outside");
        }

        if (history.Recording(id) is not { } file)
        {
            return Problem(404, "history.rec.none");
        }

        // A finished recording never changes: the browser may keep it (private: it is scoped per user).
        Response.Headers.CacheControl = "private, max-age=86400";
        return new PhysicalFileResult(file.Path, RecordingFile.ContentType) { EnableRangeProcessing = true, LastModified = file.ClosedAt };
    }

    private ObjectResult Problem(int status, string key) =>
        new(new ProblemDetails { Status = status, Title = t(key) }) { StatusCode = status, ContentTypes = { "application/problem+json" } };
}
