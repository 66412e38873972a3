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
                ctx.Error(cn!, "cron không dùng chung với times/days/dates/every / cron cannot be combined with times, days, dates or every");
            }
            else if (CronProblem(cron) is { } problem)
            {
                ctx.Error(cn!, $"biểu thức cron không hợp lệ '{cron}' (cú pháp Quartz: giây phút giờ ngày tháng thứ, ví dụ \"0 0 6 ? * MON-FRI\") / invalid Quartz cron expression: {problem}");
            }
        }
        else if (times.Count == 0 && !e.ContainsKey("times"))
        {
            ctx.Error(node, "thiếu times (giờ phát) hoặc cron / recurrence needs times (or cron)");
        }

        CheckDayRules(ctx, node, e, unit);
        anchor ??= from;
        if (unit != RecurrenceUnit.None && anchor is null)
        {
            ctx.Error(en!, "every cần anchor (ngày mốc) hoặc from / every needs an anchor date (or from)");
        }

        if (from is not null && until is not null && until < from)
        {
            ctx.Error(un!, $"until ({until:yyyy-MM-dd}) trước from ({from:yyyy-MM-dd}) / until is before from");
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
            ctx.Error(dates, "dates không dùng chung với days/every / dates cannot be combined with days or every");
        }

        if (unit == RecurrenceUnit.Days && e.TryGetValue("days", out var days))
        {
            ctx.Error(days, "every N days không dùng chung với days (dùng every N weeks) / 'every N days' cannot have days: use 'every N weeks'");
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
                ctx.Error(at, $"ngày trong tuần không biết '{word}' (dùng {DayNames.Help}) / unknown day '{word}'");
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
            ctx.Error(node, $"every không hợp lệ '{text}', ví dụ '2 days' hoặc '2 weeks' / invalid every: write e.g. '2 days' or '2 weeks'");
        }

        return (0, RecurrenceUnit.None);
    }
}
