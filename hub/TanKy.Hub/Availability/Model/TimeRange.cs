namespace TanKy.Hub.Availability.Model;

/// <summary>A half-open span of time [Start, End) in Unix milliseconds (UTC).</summary>
public readonly record struct TimeRange(long Start, long End)
{
    public long Length => Math.Max(0, End - Start);

    public bool Overlaps(long from, long to) => Start < to && End > from;

    /// <summary>Sorts and merges overlapping or touching ranges, dropping empty ones.</summary>
    public static List<TimeRange> Merge(IEnumerable<TimeRange> ranges)
    {
        var merged = new List<TimeRange>();
        foreach (var r in ranges.Where(r => r.End > r.Start).OrderBy(r => r.Start))
        {
            if (merged.Count > 0 && r.Start <= merged[^1].End)
            {
                merged[^1] = merged[^1] with { End = Math.Max(merged[^1].End, r.End) };
            }
            else
            {
                merged.Add(r);
            }
        }

        return merged;
    }
}
