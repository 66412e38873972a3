using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TanKy.Hub.Schedules.Model;
using TanKy.Protocol;
using YamlDotNet.RepresentationModel;

namespace TanKy.Hub.Schedules.Parsing;

/// <summary>
/// Reads one entry of <c>actions:</c>. Keys of <c>set</c> are checked only structurally here;
/// what a value means for a kind of device is for the device-control validators to say.
/// </summary>
internal static partial class DeviceActionParser
{
    public static readonly TimeSpan DefaultApplyLateWithin = TimeSpan.FromHours(1);

    /// <summary>Keys the hub itself owns in desired state; an action must not overwrite them.</summary>
    private static readonly string[] Reserved = ["cache"];

    public static DeviceActionDefinition? Parse(ParseContext ctx, YamlNode node)
    {
        if (ctx.Mapping(node, "action") is not { } map)
        {
            return null;
        }

        var before = ctx.Errors.Count;
        var parts = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        var e = ctx.Entries(map, "action", "id", "title", "target", "set", "recurrence", "skip_on", "apply_late_within");
        var id = ProgrammeParser.Id(ctx, map, e, parts, "action");
        var title = e.TryGetValue("title", out var tn) ? ctx.Scalar(tn, "title") : null;
        var target = ProgrammeParser.Required(ctx, map, e, "target") is { } gn ? Target(ctx, gn, parts) : null;
        var set = ProgrammeParser.Required(ctx, map, e, "set") is { } sn ? Set(ctx, sn) : null;
        var rn = ProgrammeParser.Required(ctx, map, e, "recurrence");
        var recurrence = rn is null ? null : RecurrenceParser.Parse(ctx, rn);
        var skipOn = ProgrammeParser.SkipOn(ctx, e, parts);
        var late = e.TryGetValue("apply_late_within", out var ln) ? ctx.Duration(ln, "apply_late_within", TimeSpan.FromHours(24)) : DefaultApplyLateWithin;
        if (ctx.Errors.Count > before || id is null || target is null || set is null || recurrence is null || late is null)
        {
            ctx.Refused.Add(parts);
            return null;
        }

        return new DeviceActionDefinition(id, title ?? id, target, set, recurrence, skipOn, late.Value, new ProgrammeSource(ctx.At(node), parts));
    }

    private static DeviceActionTarget? Target(ParseContext ctx, YamlNode node, Dictionary<string, SourceLocation> parts)
    {
        if (ctx.Mapping(node, "target") is not { } map)
        {
            return null;
        }

        var e = ctx.Entries(map, "target", "device", "zones", "kind");
        var device = e.TryGetValue("device", out var dn) ? ctx.Scalar(dn, "device") : null;
        if (device is not null && !Identifiers.IsValid(device))
        {
            ctx.Error(dn!, "sched.err.deviceId", device);
        }

        var (zones, all) = e.TryGetValue("zones", out var zn) ? ProgrammeParser.Zones(ctx, zn, parts) : ([], false);
        var kind = e.TryGetValue("kind", out var kn) ? ctx.Scalar(kn, "kind") : null;
        if (kind is not null && !DeviceKinds.TryParse(kind, out _))
        {
            ctx.Error(kn!, "sched.err.kind", kind);
        }

        if ((device is null) == (zones.Count == 0 && !all))
        {
            ctx.Error(map, "sched.err.target");
            return null;
        }

        return new DeviceActionTarget(device, zones, all, kind);
    }

    private static JsonObject? Set(ParseContext ctx, YamlNode node)
    {
        if (ctx.Mapping(node, "set") is not { } map)
        {
            return null;
        }

        if (map.Children.Count == 0)
        {
            ctx.Error(map, "sched.err.emptySet");
            return null;
        }

        var result = new JsonObject();
        foreach (var (k, v) in map.Children)
        {
            var key = (k as YamlScalarNode)?.Value ?? "";
            if (!KeyPattern().IsMatch(key) || Reserved.Contains(key, StringComparer.Ordinal))
            {
                ctx.Error(k, "sched.err.setKey", key);
                continue;
            }

            result[key] = ToJson(v);
        }

        return result;
    }

    /// <summary>YAML scalars become JSON numbers and booleans when they read as such (a quoted scalar stays a string).</summary>
    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted } s => JsonValue.Create(s.Value),
        YamlScalarNode { Value: "true" } => JsonValue.Create(true),
        YamlScalarNode { Value: "false" } => JsonValue.Create(false),
        YamlScalarNode { Value: "null" or "~" } => null,
        YamlScalarNode s when long.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => JsonValue.Create(n),
        YamlScalarNode s when double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
        YamlScalarNode s => JsonValue.Create(s.Value),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlMappingNode m => new JsonObject(m.Children.Select(c => KeyValuePair.Create((c.Key as YamlScalarNode)?.Value ?? "", ToJson(c.Value)))),
        _ => null,
    };

    [GeneratedRegex("^[a-z][a-z0-9_]{0,31}$")]
    private static partial Regex KeyPattern();
}
