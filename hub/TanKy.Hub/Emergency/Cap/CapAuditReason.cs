using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Emergency.Cap;

/// <summary>
/// The reason a CAP action writes into the emergency audit, as a stored text message
/// (<c>cap.why.*</c> with its arguments, <see cref="TextMessage.Encode"/>) so the audit page shows
/// it in the reader's language. CAP words among the arguments (status, message type, urgency, class)
/// are passed as their text keys and translated too. Without a keyed reason (an area that matched
/// no zone, whose misses have no one-line text) the English sentence is kept.
/// </summary>
internal static class CapAuditReason
{
    public static string Of(CapWhy? why, string english)
    {
        if (why is null || why.Key == "no-zone" || !Known("cap.why." + why.Key))
        {
            return english;
        }

        return new TextMessage("cap.why." + why.Key, [.. why.Args.Select((a, i) => Word(why.Key, i, a))]).Encode();
    }

    /// <summary>A message of the CAP intake's own (<c>sched2.cap.*</c>) with its arguments, stored.</summary>
    public static string Of(string key, params object?[] args) => new TextMessage(key, args).Encode();

    private static string Word(string why, int index, string arg)
    {
        var key = (why, index) switch
        {
            ("status", 0) => "cap.status." + arg,
            ("no-action", 0) => "cap.msg." + arg,
            ("no-class", 0) => "cap.urgency." + arg,
            ("no-class", 1) => "cap.severity." + arg,
            ("no-class", 2) => "cap.certainty." + arg,
            ("broadcast" or "update", 0) => "class." + arg,
            _ => null,
        };
        return key is not null && Known(key) ? key : arg;
    }

    private static bool Known(string key) => HubText.Default.AreaOf.ContainsKey(key);
}
