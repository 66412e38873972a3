using TanKy.Hub.Schedules.Model;
using TanKy.Hub.Schedules.Planning;

namespace TanKy.Hub.Schedules.Precache;

/// <summary>
/// Which node must cache which clip for which airing: every occurrence starting within the lead
/// time, for every speaker in its zones, one item per clip with the play-out time of that clip
/// (the occurrence start plus the clips before it). Pure, so the agenda can reuse it.
/// </summary>
internal static class PrecachePlanner
{
    /// <summary>Describes a clip: encoded file size and sha256, and its duration; null when missing.</summary>
    public delegate (long Size, string Sha256, TimeSpan Duration)? Describe(string mediaId);

    public static Dictionary<string, List<PrecacheItem>> Plan(
        ProgrammeSet set,
        DateTimeOffset now,
        TimeSpan lead,
        IReadOnlyDictionary<string, IReadOnlyList<string>> speakersByZone,
        Describe describe,
        Func<string, string, string> url,
        Func<Programme, DateTimeOffset, IReadOnlyList<string>>? sequence = null)
    {
        var result = new Dictionary<string, List<PrecacheItem>>(StringComparer.Ordinal);
        foreach (var o in OccurrenceExpander.Expand(set, now, now + lead).Where(o => o.SkippedBy is null))
        {
            var items = Items(o, describe, sequence);
            foreach (var device in o.Zones.SelectMany(z => speakersByZone.GetValueOrDefault(z) ?? []).Distinct(StringComparer.Ordinal))
            {
                if (!result.TryGetValue(device, out var list))
                {
                    result[device] = list = [];
                }

                list.AddRange(items.Select(i => new PrecacheItem(i.Stream, i.Media, i.Sha256, i.Size, i.At, url(device, i.Media))));
            }
        }

        return result;
    }

    /// <param name="sequence">What the airing plays (recordings resolved to their clips); the programme's own sequence when null.</param>
    private static List<PrecacheItem> Items(Occurrence o, Describe describe, Func<Programme, DateTimeOffset, IReadOnlyList<string>>? sequence)
    {
        var items = new List<PrecacheItem>();
        var stream = OccurrenceKeys.AiringId(o.Programme.Id, o.Start);
        var at = o.Start;
        // A recording not made yet has no clip: it is left out now and ordered at a refresh once it exists.
        foreach (var media in sequence?.Invoke(o.Programme, o.Start) ?? o.Programme.Content.Sequence())
        {
            if (describe(media) is not { } d)
            {
                continue;
            }

            items.Add(new PrecacheItem(stream, media, d.Sha256, d.Size, at.ToUnixTimeMilliseconds() * 1000, ""));
            at += d.Duration;
        }

        return items;
    }
}
