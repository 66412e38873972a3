using TanKy.Hub.Accounts.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TanKy.Hub.Accounts;
using TanKy.Hub.Media;

namespace TanKy.Hub.Web.Console.Pages.Media;

/// <summary>The media library: every clip, and (for roles that may upload) an upload form with a progress bar.</summary>
[Authorize]
public sealed class IndexModel(MediaLibrary library) : PageModel
{
    public IReadOnlyList<MediaItem> Clips { get; private set; } = [];

    public bool CanUpload { get; private set; }

    public long MaxUploadMegabytes => library.Options.MaxUploadBytes / (1024 * 1024);

    public void OnGet()
    {
        Clips = library.List();
        CanUpload = User.ToUser().Role is Role.Admin or Role.Officer or Role.HamletHead;
    }
}
