using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Media;

/// <summary>Cleaning of the free text that comes with an upload (title, file name, uploader).</summary>
internal static class MediaText
{
    public const int MaxTitleLength = 200;
    private const int MaxNameLength = 255;

    public static (string? Title, MediaRejection? Rejection) Title(string? title)
    {
        var trimmed = title?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return (null, MediaRejection.InvalidTitle(new TextMessage("api2.media.title-empty")));
        }

        if (trimmed.Length > MaxTitleLength)
        {
            return (null, MediaRejection.InvalidTitle(new TextMessage("api2.media.title-long", trimmed.Length, MaxTitleLength)));
        }

        return trimmed.Any(char.IsControl) ? (null, MediaRejection.InvalidTitle(new TextMessage("api2.media.title-control"))) : (trimmed, null);
    }

    /// <summary>Only the last path segment, printable, bounded: it is shown to people, never used as a path.</summary>
    public static string OriginalName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (name.Length > MaxNameLength)
        {
            name = name[..MaxNameLength];
        }

        return name.Length == 0 ? "upload" : name;
    }

    public static string Uploader(string? uploadedBy)
    {
        var by = new string((uploadedBy ?? "").Where(c => !char.IsControl(c)).ToArray()).Trim();
        return by.Length == 0 ? "unknown" : by[..Math.Min(by.Length, 100)];
    }
}
