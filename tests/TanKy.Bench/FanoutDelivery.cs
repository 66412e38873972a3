using System.Text.Json;

namespace TanKy.Bench;

/// <summary>The delivery report of <c>GET /api/v1/broadcasts/{id}</c>, reduced to what the fanout benchmark reports.</summary>
internal sealed record FanoutDelivery(
    int Targeted,
    int Finished,
    int Started,
    IReadOnlyList<long> StartErrorsUs,
    IReadOnlyList<long> TriggerToSoundUs,
    long Played,
    long Concealed,
    long Late,
    long Fec)
{
    public static FanoutDelivery Parse(JsonElement detail)
    {
        var d = detail.GetProperty("delivery");
        var nodes = d.GetProperty("nodes").EnumerateArray().ToList();
        return new FanoutDelivery(
            d.GetProperty("targeted").GetInt32(),
            d.GetProperty("finished").GetInt32(),
            d.GetProperty("started").GetInt32(),
            nodes.Select(n => n.GetProperty("startErrorUs")).Where(e => e.ValueKind == JsonValueKind.Number).Select(e => e.GetInt64()).ToList(),
            nodes.Select(n => n.GetProperty("triggerToSoundUs")).Where(e => e.ValueKind == JsonValueKind.Number).Select(e => e.GetInt64()).ToList(),
            nodes.Sum(n => n.GetProperty("framesPlayed").GetInt64()),
            nodes.Sum(n => n.GetProperty("framesConcealed").GetInt64()),
            nodes.Sum(n => n.GetProperty("framesLate").GetInt64()),
            nodes.Sum(n => n.GetProperty("fecRecovered").GetInt64()));
    }

    /// <summary>Nearest-rank percentile of |values| (µs); null when empty.</summary>
    public static long? Percentile(IEnumerable<long> values, double p, bool absolute = true)
    {
        var sorted = values.Select(v => absolute ? Math.Abs(v) : v).Order().ToList();
        return sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
