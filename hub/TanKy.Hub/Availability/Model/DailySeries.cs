namespace TanKy.Hub.Availability.Model;

/// <summary>
/// Online and offline milliseconds per local day of a period. Days are 24 h from the period's
/// local midnight: Vietnam has had no daylight saving time since 1975. A report of one day asks
/// for hourly buckets instead (<c>bucketMs</c>), so its chart has more than one point.
/// </summary>
public sealed class DailySeries
{
    public const long DayMs = 86_400_000;

    public const long HourMs = 3_600_000;

    private readonly long[] _online;
    private readonly long[] _offline;

    public DailySeries(long fromMs, int days, long bucketMs = DayMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bucketMs);
        FromMs = fromMs;
        BucketMs = bucketMs;
        _online = new long[days];
        _offline = new long[days];
    }

    public long FromMs { get; }

    /// <summary>Length of one bucket: a day unless the caller asked for hours.</summary>
    public long BucketMs { get; }

    public int Days => _online.Length;

    public long Online(int day) => _online[day];

    public long Offline(int day) => _offline[day];

    /// <summary>Availability % of one day, or null when nothing was counted that day.</summary>
    public double? Percent(int day) => AvailabilityTotals.Percent(_online[day], _offline[day]);

    public void Add(long start, long end, bool online)
    {
        var buckets = online ? _online : _offline;
        while (start < end)
        {
            var day = (int)((start - FromMs) / BucketMs);
            if (day < 0 || day >= buckets.Length)
            {
                return;
            }

            var dayEnd = Math.Min(end, FromMs + ((day + 1) * BucketMs));
            buckets[day] += dayEnd - start;
            start = dayEnd;
        }
    }
}
