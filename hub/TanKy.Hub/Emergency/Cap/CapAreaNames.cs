using System.Text.RegularExpressions;

namespace TanKy.Hub.Emergency.Cap;

/// <summary>
/// Matches an <c>areaDesc</c> against the commune's places. Semicolons and line breaks separate
/// areas; within one, commas list places that are either siblings ("Khối 1, Khối 2") or a chain of
/// units ("Thôn Vĩnh Phúc, xã Tân Kỳ, huyện Tân Kỳ, tỉnh Nghệ An") in any order. A chain is ours only
/// if every commune, district and province in it is ours, so "Xóm 5, xã Nghĩa Đồng" or
/// "xã Tân Kỳ, huyện Tứ Kỳ, tỉnh Hải Dương" reach nothing. Hamlets named in a chain of ours are the
/// target; a chain naming only our commune (or only units that contain it) is the whole commune.
/// </summary>
internal static partial class CapAreaNames
{
    /// <summary>The zones the description names, or why it names none (code and the words of the alert).</summary>
    public static (IReadOnlyList<string> Zones, bool WholeCommune, (string Code, string Detail)? Miss) Match(string areaDesc, CapZoneMap map)
    {
        var places = new Places(map);
        var zones = new SortedSet<string>(StringComparer.Ordinal);
        (string, string)? miss = null;
        var whole = false;
        foreach (var chain in areaDesc.Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (found, all, why) = Chain(chain, places);
            zones.UnionWith(found);
            whole |= all;
            miss ??= why;
        }

        return zones.Count > 0 ? (zones.ToList(), whole, null) : ([], false, miss ?? ("empty", ""));
    }

    private static (IReadOnlyCollection<string> Zones, bool Whole, (string, string)? Miss) Chain(string chain, Places places)
    {
        var items = Items(chain, places);
        if (items.Find(i => i.Place.Level == CapPlaceLevel.Enclosing && !places.Encloses(i.Place)) is { Text: { } foreign })
        {
            return ([], false, ("other-place", foreign));
        }

        var communes = items.Where(i => i.Place.Level == CapPlaceLevel.Commune).ToList();
        if (communes.Count > 0 && !communes.Any(i => places.IsCommune(i.Place)))
        {
            return ([], false, ("other-place", communes[0].Text));
        }

        var hamlets = items.Where(i => i.Place.Level == CapPlaceLevel.Hamlet || (i.Place.Level == CapPlaceLevel.None && !places.IsCommune(i.Place) && !places.Encloses(i.Place))).ToList();
        var found = hamlets.SelectMany(i => places.HamletsNamed(i.Place)).ToHashSet(StringComparer.Ordinal);
        if (found.Count > 0)
        {
            return (found, false, null);
        }

        if (hamlets.Find(i => i.Place.Level == CapPlaceLevel.Hamlet) is { Text: { } unknown })
        {
            return ([], false, ("unknown-hamlet", unknown));
        }

        // Our commune named, or only units that contain it ("tỉnh Nghệ An"): everyone here. A place we
        // do not know beside a province alone ("ven sông Lam, tỉnh Nghệ An") is not enough.
        var ours = items.Any(i => places.IsCommune(i.Place)) || (hamlets.Count == 0 && items.Count > 0);
        return ours ? (places.All, true, null) : ([], false, ("unknown-name", chain));
    }

    /// <summary>The places of one chain: split at commas, "và"/"and"; a part read as nothing known is also tried at its dashes.</summary>
    private static List<(string Text, CapPlaceName Place)> Items(string chain, Places places)
    {
        var items = new List<(string, CapPlaceName)>();
        foreach (var part in chain.Split([',', '/'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).SelectMany(p => And().Split(p)))
        {
            var place = CapPlaceName.Parse(part);
            if (place.IsEmpty)
            {
                continue;
            }

            var halves = Dash().Split(part).Where(h => h.Trim().Length > 0).ToList();
            if (places.Knows(place) || halves.Count < 2)
            {
                items.Add((part.Trim(), place));
                continue;
            }

            items.AddRange(halves.Select(h => (h.Trim(), CapPlaceName.Parse(h))).Where(h => !h.Item2.IsEmpty));
        }

        return items;
    }

    [GeneratedRegex(@"\s+(?:và|va|and|&)\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex And();

    [GeneratedRegex(@"\s*[–—]\s*|\s+-\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Dash();

    /// <summary>The commune's places, parsed once per match.</summary>
    private sealed class Places
    {
        private readonly HashSet<string> _commune;
        private readonly HashSet<string> _enclosing;
        private readonly List<(string Zone, CapPlaceName Name)> _hamlets = [];

        public Places(CapZoneMap map)
        {
            All = map.Zones.Select(z => z.Id).ToList();
            _commune = map.CommuneNames.Select(n => CapPlaceName.Parse(n).Core).Where(c => c.Length > 0).ToHashSet(StringComparer.Ordinal);
            _enclosing = (map.EnclosingNames ?? []).Select(n => CapPlaceName.Parse(n).Core).Where(c => c.Length > 0).ToHashSet(StringComparer.Ordinal);
            foreach (var zone in map.Zones)
            {
                var extra = map.HamletNames?.GetValueOrDefault(zone.Id) ?? [];
                foreach (var name in extra.Append(zone.Name).Append(zone.Id.Replace('-', ' ')))
                {
                    _hamlets.Add((zone.Id, CapPlaceName.Parse(name)));
                }
            }
        }

        public IReadOnlyList<string> All { get; }

        /// <summary>"Tân Kỳ" with or without "xã"; a hamlet-typed name never is the commune.</summary>
        public bool IsCommune(CapPlaceName p) => (p.Level is CapPlaceLevel.Commune or CapPlaceLevel.None) && _commune.Contains(p.Core);

        public bool Encloses(CapPlaceName p) => (p.Level is CapPlaceLevel.Enclosing or CapPlaceLevel.None) && _enclosing.Contains(p.Core);

        public IEnumerable<string> HamletsNamed(CapPlaceName p) => _hamlets.Where(h => p.Names(h.Name)).Select(h => h.Zone).Distinct();

        /// <summary>Whether the name is one of ours; a typed name of another place is not, so "Tỉnh Nghệ An - Huyện Tân Kỳ" is tried at its dash.</summary>
        public bool Knows(CapPlaceName p) => p.Level switch
        {
            CapPlaceLevel.Enclosing => Encloses(p),
            CapPlaceLevel.Commune => IsCommune(p),
            CapPlaceLevel.Hamlet => HamletsNamed(p).Any(),
            _ => IsCommune(p) || Encloses(p) || HamletsNamed(p).Any(),
        };
    }
}
