using System.Globalization;
using TanKy.Hub.Schedules.Model;
using YamlDotNet.RepresentationModel;

namespace TanKy.Hub.Schedules.Parsing;

/// <summary>
/// Reading helpers over YamlDotNet's node tree that turn every problem into a located
/// <see cref="ScheduleError"/> instead of an exception, so one check reports all errors at once.
/// </summary>
internal sealed class ParseContext(string file, List<ScheduleError> errors)
{
    public string File { get; } = file;

    public List<ScheduleError> Errors { get; } = errors;

    /// <summary>References of entries refused in this file (see <see cref="ParsedFile.Refused"/>).</summary>
    public List<IReadOnlyDictionary<string, SourceLocation>> Refused { get; } = [];

    public SourceLocation At(YamlNode node) => new(File, (int)node.Start.Line, (int)node.Start.Column);

    /// <summary>An error at the node: a <c>sched.err.*</c> text key and its arguments.</summary>
    public void Error(YamlNode node, string key, params string[] args) => Errors.Add(new ScheduleError(At(node), key, args));

    public YamlMappingNode? Mapping(YamlNode node, string what)
    {
        if (node is YamlMappingNode m)
        {
            return m;
        }

        Error(node, "sched.err.mapping", what);
        return null;
    }

    public string? Scalar(YamlNode node, string what)
    {
        if (node is YamlScalarNode { Value: { Length: > 0 } value })
        {
            return value.Trim();
        }

        Error(node, "sched.err.scalar", what);
        return null;
    }

    /// <summary>A scalar or a sequence of scalars, as a list.</summary>
    public List<(string Value, YamlNode Node)> List(YamlNode node, string what)
    {
        if (node is YamlSequenceNode seq)
        {
            return seq.Children.Select(c => (Scalar(c, what), c)).Where(x => x.Item1 is not null).Select(x => (x.Item1!, x.c)).ToList();
        }

        return Scalar(node, what) is { } one ? [(one, node)] : [];
    }

    /// <summary>The mapping's entries by key, reporting unknown keys with their position.</summary>
    public Dictionary<string, YamlNode> Entries(YamlMappingNode map, string what, params string[] known)
    {
        var result = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (!known.Contains(key, StringComparer.Ordinal))
            {
                Error(keyNode, "sched.err.unknownKey", key, what, string.Join(", ", known));
                continue;
            }

            result[key] = value;
        }

        return result;
    }

    public int? Int(YamlNode node, string what, int min, int max)
    {
        var text = Scalar(node, what);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
        {
            return n;
        }

        Error(node, "sched.err.int", what, min.ToString(CultureInfo.InvariantCulture), max.ToString(CultureInfo.InvariantCulture), text);
        return null;
    }

    public DateOnly? Date(YamlNode node, string what)
    {
        var text = Scalar(node, what);
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d;
        }

        Error(node, "sched.err.date", text);
        return null;
    }

    public TimeOnly? Time(YamlNode node, string what)
    {
        var text = Scalar(node, what);
        if (text is null)
        {
            return null;
        }

        if (TimeText.TryParse(text, out var t))
        {
            return t;
        }

        Error(node, "sched.err.time", text);
        return null;
    }

    /// <summary>Durations like <c>10m</c>, <c>90s</c>, <c>1h</c>, <c>1h30m</c>.</summary>
    public TimeSpan? Duration(YamlNode node, string what, TimeSpan max)
    {
        var text = Scalar(node, what);
        if (text is null)
        {
            return null;
        }

        if (DurationText.TryParse(text, out var d) && d <= max)
        {
            return d;
        }

        Error(node, "sched.err.duration", text, max.TotalHours.ToString("0", CultureInfo.InvariantCulture));
        return null;
    }
}
