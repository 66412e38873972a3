using TanKy.Hub.Schedules.Model;
using TanKy.Hub.Shared.Files;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TanKy.Hub.Schedules.Parsing;

/// <summary>
/// Parses one schedule file. A YAML syntax error is reported at YamlDotNet's mark and ends the
/// file; anything else is reported per node and parsing goes on, so one run lists every error.
/// A file over the size or nesting cap (<see cref="YamlGuard"/>) is refused before YamlDotNet
/// builds its tree: that tree is built recursively and 50,000 nested '[' overflowed the stack.
/// </summary>
internal static class ScheduleFileParser
{
    public static ParsedFile Parse(ScheduleSource source, List<ScheduleError> errors, InputFileLimits? limits = null)
    {
        var result = new ParsedFile([], [], []);
        try
        {
            YamlGuard.Check(source.Text, limits ?? InputFileLimits.Default);
            if (source.Refusal is { } refusal)
            {
                throw refusal;
            }
        }
        catch (InputFileException ex)
        {
            errors.Add(new ScheduleError(new SourceLocation(source.Name, (int)ex.Line, (int)ex.Column), "sched.err.fileRefused", [ex.Message]));
            return result;
        }

        var ctx = new ParseContext(source.Name, errors);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(source.Text));
        }
        catch (YamlException ex)
        {
            var reason = ex.InnerException?.Message ?? ex.Message;
            errors.Add(new ScheduleError(new SourceLocation(source.Name, (int)ex.Start.Line, (int)ex.Start.Column), "sched.err.yaml", [reason]));
            return result;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return result;
        }

        if (stream.Documents.Count > 1)
        {
            ctx.Error(stream.Documents[1].RootNode, "sched.err.oneDocument");
        }

        if (ctx.Mapping(stream.Documents[0].RootNode, "sched2.what.schedule-file") is not { } root)
        {
            return result;
        }

        var e = ctx.Entries(root, "schedule file", "programmes", "calendars", "actions", "recordings");
        Each(ctx, e, "programmes", n => ProgrammeParser.Parse(ctx, n), result.Programmes);
        Each(ctx, e, "calendars", n => CalendarParser.Parse(ctx, n), result.Calendars);
        Each(ctx, e, "actions", n => DeviceActionParser.Parse(ctx, n), result.Actions);
        Each(ctx, e, "recordings", n => RecordingParser.Parse(ctx, n), result.Recordings);
        result.Refused.AddRange(ctx.Refused);
        return result;
    }

    private static void Each<T>(ParseContext ctx, Dictionary<string, YamlNode> e, string key, Func<YamlNode, T?> parse, List<T> into)
        where T : class
    {
        if (!e.TryGetValue(key, out var node))
        {
            return;
        }

        if (node is not YamlSequenceNode seq)
        {
            ctx.Error(node, "sched.err.list", key);
            return;
        }

        into.AddRange(seq.Children.Select(parse).OfType<T>());
    }
}
