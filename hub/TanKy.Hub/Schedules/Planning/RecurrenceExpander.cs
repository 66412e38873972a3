using TanKy.Hub.Schedules.Model;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Schedules.Planning;

/// <summary>The start times a <see cref="Recurrence"/> produces in a window [from, to), before exceptions.</summary>
internal static class RecurrenceExpander
{
    public static IEnumerable<DateTimeOffset> Starts(Recurrence r, DateTimeOffset from, DateTimeOffset to)
    {
        return r.Cron is not null ? CronStarts(r, from, to) : DayStarts(r, from, to);
    }

    /// <summary>True when the day rule (dates, every N, days of week) and the from/until range admit <paramref name="date"/>.</summary>
    public static bool Admits(Recurrence r, DateOnly date)
    {
        if (!r.InRange(date))
        {
            return false;
        }

        if (r.Dates.Count > 0)
        {
            return BinarySearch(r.Dates, date);
        }

        return r.Unit switch
        {
            RecurrenceUnit.Days => date >= r.Anchor && (date.DayNumber - r.Anchor!.Value.DayNumber) % r.Every == 0,
            RecurrenceUnit.Weeks => date >= WeekStart(r.Anchor!.Value) && (date.DayNumber - WeekStart(r.Anchor!.Value).DayNumber) / 7 % r.Every == 0 && r.Days.Contains(date.DayOfWeek),
            _ => r.Days.Contains(date.DayOfWeek),
        };
    }

    private static IEnumerable<DateTimeOffset> DayStarts(Recurrence r, DateTimeOffset from, DateTimeOffset to)
    {
        var first = CommuneTime.LocalDate(from);
        var last = CommuneTime.LocalDate(to);
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            if (!Admits(r, date))
            {
                continue;
            }

            foreach (var time in r.Times)
            {
                var start = CommuneTime.At(date, time);
                if (start >= from && start < to)
                {
                    yield return start;
                }
            }
        }
    }

    private static IEnumerable<DateTimeOffset> CronStarts(Recurrence r, DateTimeOffset from, DateTimeOffset to)
    {
        var cron = new Quartz.CronExpression(r.Cron!, CommuneTime.Zone);
        var next = cron.GetNextValidTimeAfter(from.AddTicks(-1));
        while (next is { } t && t < to)
        {
            if (r.InRange(CommuneTime.LocalDate(t)))
            {
                yield return t;
            }

            next = cron.GetNextValidTimeAfter(t);
        }
    }

    /// <summary>Weeks count from the Monday of the anchor's week, so "every 2 weeks on mon, thu" keeps pairs together.</summary>
    private static DateOnly WeekStart(DateOnly d) => d.AddDays(-(((int)d.DayOfWeek + 6) % 7));

    private static bool BinarySearch(IReadOnlyList<DateOnly> sorted, DateOnly date)
    {
        int lo = 0, hi = sorted.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            var c = sorted[mid].CompareTo(date);
            if (c == 0)
            {
                return true;
            }

            (lo, hi) = c < 0 ? (mid + 1, hi) : (lo, mid - 1);
        }

        return false;
    }
}
