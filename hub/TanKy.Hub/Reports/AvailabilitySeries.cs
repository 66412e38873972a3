using TanKy.Hub.Availability.Model;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Reports;

/// <summary>
/// Online/offline time per bucket and device kind, filled by the uptime sweep of each device.
/// A report of one day uses hourly buckets, so its chart is a line, not a lone point.
/// </summary>
internal sealed class AvailabilitySeries
{
    private readonly SortedDictionary<string, DailySeries> _kinds = new(StringComparer.Ordinal);
    private readonly ReportPeriod _period;
    private readonly long _from;

    public AvailabilitySeries(ReportPeriod period)
    {
        _period = period;
        _from = period.From.ToUnixTimeMilliseconds();
        Hourly = period.Days == 1;
    }

    public bool Hourly { get; }

    public long BucketMs => Hourly ? DailySeries.HourMs : DailySeries.DayMs;

    public int Buckets => Hourly ? 24 : _period.Days;

    /// <summary>The series a device of this kind adds its time to.</summary>
    public DailySeries For(string kind) =>
        _kinds.TryGetValue(kind, out var s) ? s : _kinds[kind] = new DailySeries(_from, Buckets, BucketMs);

    /// <summary>One line per kind that counted any time (a kind whose devices were all removed before the period has none).</summary>
    public IReadOnlyList<KindSeries> ByKind(Func<string, string> name) => _kinds
        .Where(k => Enumerable.Range(0, Buckets).Any(i => k.Value.Online(i) + k.Value.Offline(i) > 0))
        .Select(k => new KindSeries(k.Key, name(k.Key), Points(i => (k.Value.Online(i), k.Value.Offline(i)))))
        .ToList();

    /// <summary>Every kind together, per bucket.</summary>
    public IReadOnlyList<SeriesPoint> Fleet() => Points(Sum);

    /// <summary>Every kind together, per local day (a one-day report: its 24 hours summed).</summary>
    public IReadOnlyList<DailyPoint> Days()
    {
        var perDay = Hourly ? 24 : 1;
        return Enumerable.Range(0, _period.Days).Select(day =>
        {
            long online = 0, offline = 0;
            for (var i = day * perDay; i < (day + 1) * perDay; i++)
            {
                var (on, off) = Sum(i);
                online += on;
                offline += off;
            }

            return new DailyPoint(_period.FirstDay.AddDays(day), Pct(online, offline), ReportRow.Hours(online), ReportRow.Hours(offline));
        }).ToList();
    }

    private (long Online, long Offline) Sum(int bucket) =>
        (_kinds.Values.Sum(s => s.Online(bucket)), _kinds.Values.Sum(s => s.Offline(bucket)));

    private List<SeriesPoint> Points(Func<int, (long Online, long Offline)> at) =>
        Enumerable.Range(0, Buckets).Select(i =>
        {
            var (online, offline) = at(i);
            var start = CommuneTime.ToLocal(DateTimeOffset.FromUnixTimeMilliseconds(_from + (i * BucketMs)));
            return new SeriesPoint(start, Pct(online, offline), ReportRow.Hours(online), ReportRow.Hours(offline));
        }).ToList();

    private static double? Pct(long online, long offline) => AvailabilityTotals.Percent(online, offline) is { } p ? Math.Round(p, 3) : null;
}
