using TanKy.Hub.Media;
using TanKy.Hub.Schedules.Model;
using YamlDotNet.RepresentationModel;

namespace TanKy.Hub.Schedules.Parsing;

/// <summary>
/// Reads a programme's <c>content:</c>: a list of clips, a map with chimes and a playlist, or a
/// relay (<c>relay</c>, <c>duration</c>, <c>fallback</c>). A playlist item is a media id
/// (<c>m-…</c>) or the name of a recording (<c>recordings:</c>), told apart by the <c>m-</c> prefix.
/// </summary>
internal static class ContentParser
{
    /// <summary>Bounds of a relay's <c>duration</c>.</summary>
    public static readonly TimeSpan MinRelay = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxRelay = TimeSpan.FromHours(6);

    private static readonly string[] Keys = ["chime_before", "playlist", "chime_after", "relay", "duration", "fallback"];

    public static ProgrammeContent? Parse(ParseContext ctx, YamlNode node, Dictionary<string, SourceLocation> parts)
    {
        if (node is not YamlMappingNode map)
        {
            return Playlist(ctx, node, parts) is { } list ? new ProgrammeContent(null, list, null) : null;
        }

        var e = ctx.Entries(map, "content", Keys);
        var fallback = e.TryGetValue("fallback", out var fn) ? Media(ctx, fn, parts, clipOnly: true) : null;
        if (e.TryGetValue("relay", out var rn))
        {
            return Relay(ctx, map, e, rn, parts) is { } relay ? new ProgrammeContent(null, [], null) { Relay = relay, Fallback = fallback } : null;
        }

        if (e.TryGetValue("duration", out var dn))
        {
            ctx.Error(dn, "sched.err.durationWithoutRelay");
        }

        var before = e.TryGetValue("chime_before", out var bn) ? Media(ctx, bn, parts, clipOnly: true) : null;
        var after = e.TryGetValue("chime_after", out var an) ? Media(ctx, an, parts, clipOnly: true) : null;
        var items = ProgrammeParser.Required(ctx, map, e, "playlist") is { } pn ? Playlist(ctx, pn, parts) : null;
        return items is null ? null : new ProgrammeContent(before, items, after) { Fallback = fallback };
    }

    private static ProgrammeRelay? Relay(ParseContext ctx, YamlMappingNode map, Dictionary<string, YamlNode> e, YamlNode node, Dictionary<string, SourceLocation> parts)
    {
        foreach (var key in new[] { "playlist", "chime_before", "chime_after" }.Where(e.ContainsKey))
        {
            ctx.Error(e[key], "sched.err.relayWithClips", key);
        }

        var source = ctx.Scalar(node, "relay");
        if (source is not null && !TanKy.Protocol.Identifiers.IsValid(source))
        {
            ctx.Error(node, "sched.err.sourceId", source);
            source = null;
        }

        if (source is not null)
        {
            parts.TryAdd("source:" + source, ctx.At(node));
        }

        TimeSpan? duration = null;
        if (ProgrammeParser.Required(ctx, map, e, "duration") is { } dn && ctx.Duration(dn, "duration", MaxRelay) is { } d)
        {
            if (d < MinRelay)
            {
                ctx.Error(dn, "sched.err.relayTooShort", DurationText.Format(d), DurationText.Format(MinRelay));
            }
            else
            {
                duration = d;
            }
        }

        return source is null || duration is null ? null : new ProgrammeRelay(source, duration.Value);
    }

    private static List<string>? Playlist(ParseContext ctx, YamlNode node, Dictionary<string, SourceLocation> parts)
    {
        var items = ctx.List(node, "playlist").Select(x => Media(ctx, x.Node, parts, clipOnly: false)).ToList();
        if (items.Count == 0)
        {
            ctx.Error(node, "sched.err.noContent");
            return null;
        }

        return items.Contains(null) ? null : items.OfType<string>().ToList();
    }

    /// <summary>A media id; in a playlist also a recording's name (anything not starting with <c>m-</c>).</summary>
    private static string? Media(ParseContext ctx, YamlNode node, Dictionary<string, SourceLocation> parts, bool clipOnly)
    {
        var id = ctx.Scalar(node, "sched2.what.media-id");
        if (id is null)
        {
            return null;
        }

        if (!MediaIds.IsValid(id) && (clipOnly || !RecordingParser.IsName(id)))
        {
            ctx.Error(node, "sched.err.mediaId", id);
            return null;
        }

        parts.TryAdd("media:" + id, ctx.At(node));
        return id;
    }
}
