using TanKy.Hub.Schedules.Model;
using YamlDotNet.RepresentationModel;

namespace TanKy.Hub.Schedules.Parsing;

/// <summary>
/// Reads one entry of <c>recordings:</c>:
/// <c>{ source: vov1, at: "05:00", duration: 30m, as: vov-thoi-su-sang, days: daily, title: … }</c>.
/// </summary>
internal static class RecordingParser
{
    public static readonly TimeSpan MinDuration = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(3);

    /// <summary>The part under which a recording's name is located (<c>ProgrammeSource.Of</c>).</summary>
    public const string NamePart = "as";

    private static readonly string[] Keys = ["as", "title", "source", "at", "duration", "days"];

    /// <summary>
    /// A recording's name: like a programme id, but never of the <c>m-</c> form of media ids, so a
    /// playlist item is unambiguously a clip or a recording.
    /// </summary>
    public static bool IsName(string id) =>
        TanKy.Protocol.Identifiers.IsValid(id) && id.Length <= ProgrammeParser.MaxIdLength && !id.StartsWith("m-", StringComparison.Ordinal);

    public static RecordingDefinition? Parse(ParseContext ctx, YamlNode node)
    {
        if (ctx.Mapping(node, "sched2.what.recording") is not { } map)
        {
            return null;
        }

        var before = ctx.Errors.Count;
        var parts = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        var e = ctx.Entries(map, "recording", Keys);
        var name = ProgrammeParser.Required(ctx, map, e, "as") is { } an ? Name(ctx, an, parts) : null;
        var source = ProgrammeParser.Required(ctx, map, e, "source") is { } sn ? Source(ctx, sn, parts) : null;
        var at = ProgrammeParser.Required(ctx, map, e, "at") is { } tn ? ctx.Time(tn, "at") : null;
        var duration = ProgrammeParser.Required(ctx, map, e, "duration") is { } dn ? Duration(ctx, dn) : null;
        var title = e.TryGetValue("title", out var ti) ? ctx.Scalar(ti, "title") : name;
        var days = e.TryGetValue("days", out var dy) ? Days(ctx, dy) : Recurrence.AllDays;
        if (ctx.Errors.Count > before || name is null || source is null || at is null || duration is null || title is null || days is null)
        {
            ctx.Refused.Add(parts);
            return null;
        }

        return new RecordingDefinition(name, title, source, at.Value, duration.Value, days, new ProgrammeSource(ctx.At(node), parts));
    }

    private static string? Name(ParseContext ctx, YamlNode node, Dictionary<string, SourceLocation> parts)
    {
        if (ctx.Scalar(node, "as") is not { } name)
        {
            return null;
        }

        parts[NamePart] = ctx.At(node);
        if (!IsName(name))
        {
            ctx.Error(node, "sched.err.recordingName", name, ProgrammeParser.MaxIdLength.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return null;
        }

        return name;
    }

    private static string? Source(ParseContext ctx, YamlNode node, Dictionary<string, SourceLocation> parts)
    {
        if (ctx.Scalar(node, "source") is not { } source)
        {
            return null;
        }

        if (!TanKy.Protocol.Identifiers.IsValid(source))
        {
            ctx.Error(node, "sched.err.sourceId", source);
            return null;
        }

        parts.TryAdd("source:" + source, ctx.At(node));
        return source;
    }

    private static TimeSpan? Duration(ParseContext ctx, YamlNode node)
    {
        if (ctx.Duration(node, "duration", MaxDuration) is not { } d)
        {
            return null;
        }

        if (d < MinDuration)
        {
            ctx.Error(node, "sched.err.relayTooShort", DurationText.Format(d), DurationText.Format(MinDuration));
            return null;
        }

        return d;
    }

    private static HashSet<DayOfWeek>? Days(ParseContext ctx, YamlNode node)
    {
        var set = new HashSet<DayOfWeek>();
        var ok = true;
        foreach (var (word, at) in ctx.List(node, "days"))
        {
            if (DayNames.Parse(word) is { } days)
            {
                set.UnionWith(days);
            }
            else
            {
                ctx.Error(at, "sched.err.day", word, DayNames.Help);
                ok = false;
            }
        }

        return ok && set.Count > 0 ? set : null;
    }
}
