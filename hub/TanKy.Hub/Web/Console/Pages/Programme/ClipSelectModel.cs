using TanKy.Hub.Media;

namespace TanKy.Hub.Web.Console.Pages.Programme;

/// <summary>One clip picker of the programme form (chimes and each playlist row).</summary>
public sealed record ClipSelectModel(string Id, string Name, string? Value, IReadOnlyList<MediaItem> Clips, string Empty);
