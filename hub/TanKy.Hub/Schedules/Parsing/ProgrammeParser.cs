using TanKy.Hub.Media;
using TanKy.Hub.Schedules.Model;
using TanKy.Protocol;
using YamlDotNet.RepresentationModel;

namespace TanKy.Hub.Schedules.Parsing;

/// <summary>Reads one entry of <c>programmes:</c>. Returns null (with located errors) when it is unusable.</summary>
internal static class ProgrammeParser
{
    public const int MaxIdLength = 32;
    public static readonly TimeSpan DefaultPlayLateWithin = TimeSpan.FromMinutes(5);

    private static readonly string[] Keys = ["id", "title", "content", "zones", "class", "volume", "recurrence", "skip_on", "on_preempt", "play_late_within"];

    public static Programme? Parse(ParseContext ctx, YamlNode node)
    {
        if (ctx.Mapping(node, "sched2.what.programme") is not { } map)
        {
            return null;
        }

        var before = ctx.Errors.Count;
        var parts = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        var e = ctx.Entries(map, "programme", Keys);
        var id = Id(ctx, map, e, parts, "programme");
        var title = Required(ctx, map, e, "title") is { } tn ? ctx.Scalar(tn, "title") : null;
        var content = Required(ctx, map, e, "content") is { } cn ? ContentParser.Parse(ctx, cn, parts) : null;
        var (zones, all) = Required(ctx, map, e, "zones") is { } zn ? Zones(ctx, zn, parts) : ([], false);
        var cls = e.TryGetValue("class", out var cl) ? Class(ctx, cl) : BulletinClass.Normal;
        int? volume = e.TryGetValue("volume", out var vn) ? ctx.Int(vn, "volume", 0, 100) : null;
        var rn = Required(ctx, map, e, "recurrence");
        var recurrence = rn is null ? null : RecurrenceParser.Parse(ctx, rn);
        if (rn is not null)
        {
            parts["recurrence"] = ctx.At(rn);
        }

        var skipOn = SkipOn(ctx, e, parts);
        var policy = e.TryGetValue("on_preempt", out var pn) ? Policy(ctx, pn) : PreemptionPolicy.Resume;
        var late = e.TryGetValue("play_late_within", out var ln) ? ctx.Duration(ln, "play_late_within", TimeSpan.FromHours(12)) : DefaultPlayLateWithin;

        if (ctx.Errors.Count > before || id is null || title is null || content is null || recurrence is null || late is null)
        {
            ctx.Refused.Add(parts);
            return null;
        }

        return new Programme(id, title, content, zones, all, cls, volume, recurrence, skipOn, policy, late.Value, new ProgrammeSource(ctx.At(node), parts));
    }

    internal static string? Id(ParseContext ctx, YamlMappingNode map, Dictionary<string, YamlNode> e, Dictionary<string, SourceLocation> parts, string what)
    {
        if (Required(ctx, map, e, "id") is not { } node || ctx.Scalar(node, "id") is not { } id)
        {
            return null;
        }

        parts["id"] = ctx.At(node);
        if (!Identifiers.IsValid(id) || id.Length > MaxIdLength)
        {
            ctx.Error(node, "sched.err.id", id, MaxIdLength.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return null;
        }

        return id;
    }

    internal static YamlNode? Required(ParseContext ctx, YamlMappingNode map, Dictionary<string, YamlNode> e, string key)
    {
        if (e.TryGetValue(key, out var node))
        {
            return node;
        }

        ctx.Error(map, "sched.err.missingKey", key);
        return null;
    }

    internal static (List<string> Zones, bool All) Zones(ParseContext ctx, YamlNode node, Dictionary<string, SourceLocation> parts)
    {
        if (node is YamlScalarNode { Value: "all" or "tat-ca" })
        {
            return ([], true);
        }

        var zones = new List<string>();
        foreach (var (zone, at) in ctx.List(node, "zones"))
        {
            if (!Identifiers.IsValid(zone))
            {
                ctx.Error(at, "sched.err.zoneId", zone);
                continue;
            }

            parts.TryAdd("zone:" + zone, ctx.At(at));
            if (!zones.Contains(zone, StringComparer.Ordinal))
            {
                zones.Add(zone);
            }
        }

        if (zones.Count == 0 && node is YamlSequenceNode)
        {
            ctx.Error(node, "sched.err.noZones");
        }

        return (zones, false);
    }

    internal static List<string> SkipOn(ParseContext ctx, Dictionary<string, YamlNode> e, Dictionary<string, SourceLocation> parts)
    {
        if (!e.TryGetValue("skip_on", out var node))
        {
            return [];
        }

        var ids = new List<string>();
        foreach (var (id, at) in ctx.List(node, "skip_on"))
        {
            parts.TryAdd("calendar:" + id, ctx.At(at));
            ids.Add(id);
        }

        return ids;
    }

    private static BulletinClass Class(ParseContext ctx, YamlNode node)
    {
        switch (ctx.Scalar(node, "class"))
        {
            case "normal":
                return BulletinClass.Normal;
            case "priority":
                return BulletinClass.Priority;
            case "emergency":
                ctx.Error(node, "sched.err.emergency");
                break;
            case { } other:
                ctx.Error(node, "sched.err.class", other);
                break;
        }

        return BulletinClass.Normal;
    }

    private static PreemptionPolicy Policy(ParseContext ctx, YamlNode node)
    {
        var text = ctx.Scalar(node, "on_preempt");
        if (EnumWire.TryParse<PreemptionPolicy>(text, out var policy))
        {
            return policy.Value;
        }

        if (text is not null)
        {
            ctx.Error(node, "sched.err.onPreempt", text);
        }

        return PreemptionPolicy.Resume;
    }
}
