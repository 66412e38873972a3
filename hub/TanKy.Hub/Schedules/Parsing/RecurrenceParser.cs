using TanKy.Hub.Schedules.Model;
using YamlDotNet.RepresentationModel;

namespace TanKy.Hub.Schedules.Parsing;

/// <summary>Reads a <c>recurrence:</c> mapping; see hub/docs/schedules.md for the rules it enforces.</summary>
internal static class RecurrenceParser
{
    private static readonly string[] Keys = ["times", "days", "dates", "every", "anchor", "from", "until", "cron"];

    public static Recurrence? Parse(ParseContext ctx, YamlNode node)
    {
        if (ctx.Mapping(node, "recurrence") is not { } map)
        {
            return null;
        }

        var before = ctx.Errors.Count;
        var e = ctx.Entries(map, "recurrence", Keys);
        var times = e.TryGetValue("times", out var tn) ? ctx.List(tn, "times").Select(t => ctx.Time(t.Node, "time")).OfType<TimeOnly>().Distinct().Order().ToList() : [];
        var days = e.TryGetValue("days", out var dn) ? Days(ctx, dn) : null;
        var dates = e.TryGetValue("dates", out var dates0) ? ctx.List(dates0, "dates").Select(d => ctx.Date(d.Node, "date")).OfType<DateOnly>().Distinct().Order().ToList() : [];
        var (every, unit) = e.TryGetValue("every", out var en) ? Every(ctx, en) : (0, RecurrenceUnit.None);
        DateOnly? anchor = e.TryGetValue("anchor", out var an) ? ctx.Date(an, "anchor") : null;
        DateOnly? from = e.TryGetValue("from", out var fn) ? ctx.Date(fn, "from") : null;
        DateOnly? until = e.TryGetValue("until", out var un) ? ctx.Date(un, "until") : null;
        string? cron = e.TryGetValue("cron", out var cn) ? ctx.Scalar(cn, "cron") : null;

        if (cron is not null)
        {
            if (e.Keys.Any(k => k is "times" or "days" or "dates" or "every" or "anchor"))
            {
                ctx.Error(cn!, "sched.err.cronCombined");
            }
            else if (CronProblem(cron) is { } problem)
            {
                ctx.Error(cn!, "sched.err.cron", cron, problem);
            }
        }
        else if (times.Count == 0 && !e.ContainsKey("times"))
        {
            ctx.Error(node, "sched.err.noTimes");
        }

        CheckDayRules(ctx, node, e, unit);
        anchor ??= from;
        if (unit != RecurrenceUnit.None && anchor is null)
        {
            ctx.Error(en!, "sched.err.everyAnchor");
        }

        if (from is not null && until is not null && until < from)
        {
            ctx.Error(un!, "sched.err.untilBeforeFrom", until.Value.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), from.Value.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture));
        }

        if (ctx.Errors.Count > before)
        {
            return null;
        }

        var daySet = days ?? (unit == RecurrenceUnit.Weeks ? new HashSet<DayOfWeek> { anchor!.Value.DayOfWeek } : Recurrence.AllDays);
        return new Recurrence(times, daySet, dates, every, unit, anchor, from, until, cron);
    }

    private static void CheckDayRules(ParseContext ctx, YamlNode node, Dictionary<string, YamlNode> e, RecurrenceUnit unit)
    {
        if (e.TryGetValue("dates", out var dates) && (e.ContainsKey("days") || e.ContainsKey("every")))
        {
            ctx.Error(dates, "sched.err.datesCombined");
        }

        if (unit == RecurrenceUnit.Days && e.TryGetValue("days", out var days))
        {
            ctx.Error(days, "sched.err.everyDaysWithDays");
        }

        _ = node;
    }

    private static string? CronProblem(string cron)
    {
        try
        {
            _ = Quartz.CronExpression.Parse(cron);
            return null;
        }
        catch (FormatException ex)
        {
            return ex.Message;
        }
    }

    private static HashSet<DayOfWeek>? Days(ParseContext ctx, YamlNode node)
    {
        var set = new HashSet<DayOfWeek>();
        foreach (var (word, at) in ctx.List(node, "days"))
        {
            if (DayNames.Parse(word) is { } days)
            {
                set.UnionWith(days);
            }
            else
            {
                ctx.Error(at, "sched.err.day", word, DayNames.Help);
            }
        }

        return set.Count > 0 ? set : null;
    }

    /// <summary><c>every: 2 days</c>, <c>every: 3 weeks</c> (also <c>ngày</c>/<c>tuần</c>).</summary>
    private static (int, RecurrenceUnit) Every(ParseContext ctx, YamlNode node)
    {
        var text = ctx.Scalar(node, "every");
        var parts = text?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (parts.Length == 2 && int.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 366)
        {
            var unit = parts[1].ToLowerInvariant() switch
            {
                "day" or "days" or "ngày" => RecurrenceUnit.Days,
                "week" or "weeks" or "tuần" => RecurrenceUnit.Weeks,
                _ => RecurrenceUnit.None,
            };
            if (unit != RecurrenceUnit.None)
            {
                return (n, unit);
            }
        }

        if (text is not null)
        {
            ctx.Error(node, "sched.err.every", text);
        }

        return (0, RecurrenceUnit.None);
    }
}
