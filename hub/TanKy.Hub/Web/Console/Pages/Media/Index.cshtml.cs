using System.Globalization;
using TanKy.Hub.Accounts.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TanKy.Hub.Accounts;
using TanKy.Hub.Media;
using TanKy.Hub.Web.Console.Text;

namespace TanKy.Hub.Web.Console.Pages.Media;

/// <summary>
/// The media library: the clips, the text-to-speech announcements apart ("Đã đọc"), the signed-in
/// user's uploads still processing (or just finished), and for roles that may upload a form whose
/// states go bar → "Đang xử lý…" → "Đã lưu" or the reason in Vietnamese.
/// </summary>
[Authorize]
public sealed class IndexModel(MediaLibrary library, MediaImportJobs jobs) : PageModel
{
    /// <summary>Every reason code an upload can be refused with (library rejections and the endpoint's own).</summary>
    public static readonly string[] RefusalCodes =
    [
        "empty", "truncated", "wrong-header", "unsupported-format", "too-large", "too-long", "silent", "corrupt",
        "invalid-title", "not-multipart", "bad-form", "missing-file", "failed", "restarted",
    ];

    public IReadOnlyList<MediaItem> Clips { get; private set; } = [];

    public IReadOnlyList<MediaItem> Spoken { get; private set; } = [];

    public IReadOnlyList<MediaImportJob> Jobs { get; private set; } = [];

    public bool CanUpload { get; private set; }

    public long MaxUploadMegabytes => library.Options.MaxUploadBytes / (1024 * 1024);

    public string MaxMinutes => (library.Options.MaxDurationSeconds / 60.0).ToString("0.#", CultureInfo.InvariantCulture);

    public void OnGet()
    {
        Clips = library.List();
        Spoken = library.List(MediaKind.Speech);
        var user = User.ToUser();
        CanUpload = user.Role is Role.Admin or Role.Officer or Role.HamletHead;
        Jobs = CanUpload ? jobs.Recent(user.Name) : [];
    }

    /// <summary>A refusal in the reader's language, with the hub's limits filled in.</summary>
    public string Reason(Translate t, string code) =>
        Fill(t(RefusalCodes.Contains(code) ? "media.refused." + code : "media.refused.failed"));

    /// <summary>What a background job shows on the page: where it is, or how it ended.</summary>
    public string JobText(Translate t, MediaImportJob job) => job.State switch
    {
        MediaImportState.Queued => t("media.up.processing") + " " + t("media.up.queued"),
        MediaImportState.Running => t("media.up.processing") + " " + t("media.up.running"),
        MediaImportState.Done => (job.Result?.Duplicate == true ? t("media.up.duplicate") : t("media.up.saved")).Replace("{title}", job.Result?.Item?.Title ?? job.Title, StringComparison.Ordinal),
        MediaImportState.Refused => t("media.up.refused").Replace("{reason}", Reason(t, job.Result?.Rejection?.Code ?? "failed"), StringComparison.Ordinal),
        _ => t("media.up.refused").Replace("{reason}", Reason(t, job.FailureKey == MediaImportJobs.RestartedKey ? "restarted" : "failed"), StringComparison.Ordinal),
    };

    /// <summary>
    /// The page script's strings as JSON (states, every refusal reason, duration templates); the default
    /// encoder escapes <c>&lt;</c>, so the JSON cannot close its script element.
    /// </summary>
    public string ScriptStrings(Translate t)
    {
        var strings = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["noFile"] = t("media.noFile"),
            ["reasons"] = RefusalCodes.ToDictionary(c => c, c => Reason(t, c), StringComparer.Ordinal),
        };
        foreach (var (js, key) in ScriptKeys)
        {
            strings[js] = t(key);
        }

        foreach (var key in ClipFormat.DurationKeys)
        {
            strings[key["media.".Length..]] = t(key);
        }

        return System.Text.Json.JsonSerializer.Serialize(strings);
    }

    private static readonly (string Js, string Key)[] ScriptKeys =
    [
        ("sending", "media.up.sending"), ("processing", "media.up.processing"), ("queued", "media.up.queued"),
        ("running", "media.up.running"), ("leaveOk", "media.up.leave-ok"), ("saved", "media.up.saved"),
        ("duplicate", "media.up.duplicate"), ("refused", "media.up.refused"), ("network", "media.up.network"),
        ("lost", "media.up.lost"), ("normalised", "media.normalised"),
    ];

    private string Fill(string text) => text
        .Replace("{mb}", MaxUploadMegabytes.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{minutes}", MaxMinutes, StringComparison.Ordinal);
}
