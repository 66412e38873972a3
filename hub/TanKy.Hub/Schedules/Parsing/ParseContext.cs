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

    public void Error(YamlNode node, string reason) => Errors.Add(new ScheduleError(At(node), reason));

    public YamlMappingNode? Mapping(YamlNode node, string what)
    {
        if (node is YamlMappingNode m)
        {
            return m;
        }

        Error(node, $"{what} phải là một bảng khoá: giá trị / {what} must be a mapping of key: value");
        return null;
    }

    public string? Scalar(YamlNode node, string what)
    {
        if (node is YamlScalarNode { Value: { Length: > 0 } value })
        {
            return value.Trim();
        }

        Error(node, $"{what} phải là một giá trị đơn, không rỗng / {what} must be a single non-empty value");
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
                Error(keyNode, $"khoá không biết '{key}' trong {what} / unknown key '{key}' in {what} (known: {string.Join(", ", known)})");
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

        Error(node, $"{what} phải là số nguyên {min}–{max}, không phải '{text}' / {what} must be a whole number {min}–{max}");
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

        Error(node, $"ngày không hợp lệ '{text}', viết yyyy-MM-dd / invalid date '{text}': write yyyy-MM-dd");
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

        Error(node, $"giờ không hợp lệ '{text}', viết 7h30 hoặc 07:30 (00:00–23:59) / invalid time '{text}': write 07:30 or 7h30");
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

        Error(node, $"thời lượng không hợp lệ '{text}', ví dụ 10m, 90s, 1h (tối đa {max.TotalHours:0} giờ) / invalid duration '{text}': e.g. 10m, 90s, 1h");
        return null;
    }
}
