using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Schedules.History;

/// <summary>
/// The reason column of <c>programme_history</c>: one or more parts joined by <c>"; "</c>, each a
/// stored text message (<see cref="TextMessage.Encode"/>, <c>key|arg|…</c>) or free text (another
/// feature's reason, an exception's words). Stored as keys so each reader sees it in their own
/// language; rows written before keys (Vietnamese / English sentences) are shown as written.
/// </summary>
internal static class HistoryReason
{
    public const string Separator = "; ";

    /// <summary>The parts that are not empty, joined; null when there are none.</summary>
    public static string? Join(params string?[] parts)
    {
        var kept = parts.Where(p => !string.IsNullOrEmpty(p)).ToList();
        return kept.Count == 0 ? null : string.Join(Separator, kept);
    }

    public static string Of(string key, params object?[] args) => new TextMessage(key, args).Encode();

    /// <summary>
    /// The stored reason in <paramref name="language"/>: each part that is a known key is translated,
    /// other parts are kept as they are (splitting free text at "; " and joining it again gives it back).
    /// </summary>
    public static string? Render(string? stored, string language, HubText? text = null)
    {
        if (stored is null)
        {
            return null;
        }

        var words = text ?? HubText.Default;
        return string.Join(Separator, stored.Split(Separator).Select(part => words.Render(part, language)));
    }
}
