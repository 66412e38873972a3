using TanKy.Hub.Schedules.Model;
using YamlDotNet.RepresentationModel;

namespace TanKy.Hub.Schedules.Parsing;

/// <summary>
/// Reads one entry of <c>calendars:</c>. Dates are written out: a bare date, <c>{date, name}</c>,
/// or a short range <c>{from, to, name}</c> (at most 31 days, for Tết holidays).
/// </summary>
internal static class CalendarParser
{
    /// <summary>Key of a refused calendar's id among <see cref="ParsedFile.Refused"/>.</summary>
    public const string DeclaredCalendar = "declares-calendar:";

    public static HolidayCalendar? Parse(ParseContext ctx, YamlNode node)
    {
        if (ctx.Mapping(node, "calendar") is not { } map)
        {
            return null;
        }

        var before = ctx.Errors.Count;
        var parts = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        var e = ctx.Entries(map, "calendar", "id", "title", "dates");
        var id = ProgrammeParser.Id(ctx, map, e, parts, "calendar");
        var title = e.TryGetValue("title", out var tn) ? ctx.Scalar(tn, "title") : null;
        var dates = new Dictionary<DateOnly, string>();
        if (ProgrammeParser.Required(ctx, map, e, "dates") is YamlSequenceNode seq)
        {
            foreach (var entry in seq.Children)
            {
                AddEntry(ctx, entry, dates);
            }
        }
        else if (e.TryGetValue("dates", out var bad))
        {
            ctx.Error(bad, "sched.err.list", "dates");
        }

        if (ctx.Errors.Count > before && id is not null)
        {
            // A refused calendar still exists by name: its programmes' skip_on is not "unknown".
            ctx.Refused.Add(new Dictionary<string, SourceLocation>(StringComparer.Ordinal) { [DeclaredCalendar + id] = ctx.At(node) });
        }

        return ctx.Errors.Count > before || id is null ? null : new HolidayCalendar(id, title ?? id, dates, ctx.At(node));
    }

    private static void AddEntry(ParseContext ctx, YamlNode entry, Dictionary<DateOnly, string> dates)
    {
        if (entry is YamlScalarNode)
        {
            if (ctx.Date(entry, "date") is { } d)
            {
                dates.TryAdd(d, "");
            }

            return;
        }

        if (ctx.Mapping(entry, "sched2.what.date-entry") is not { } map)
        {
            return;
        }

        var e = ctx.Entries(map, "date entry", "date", "from", "to", "name");
        var name = e.TryGetValue("name", out var nn) ? ctx.Scalar(nn, "name") ?? "" : "";
        if (e.TryGetValue("date", out var dn))
        {
            if (ctx.Date(dn, "date") is { } d)
            {
                // A single date names its day even inside a range (Mùng 1 within the Tết holiday).
                dates[d] = name;
            }

            return;
        }

        var from = ProgrammeParser.Required(ctx, map, e, "from") is { } fn ? ctx.Date(fn, "from") : null;
        var to = ProgrammeParser.Required(ctx, map, e, "to") is { } tn ? ctx.Date(tn, "to") : null;
        if (from is null || to is null)
        {
            return;
        }

        if (to < from || to.Value.DayNumber - from.Value.DayNumber > 31)
        {
            ctx.Error(map, "sched.err.range");
            return;
        }

        for (var d = from.Value; d <= to.Value; d = d.AddDays(1))
        {
            dates.TryAdd(d, name);
        }
    }
}
