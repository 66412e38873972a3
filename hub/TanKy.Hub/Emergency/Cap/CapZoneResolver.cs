namespace TanKy.Hub.Emergency.Cap;

/// <summary>
/// Maps CAP areas to zones. Per area, the first method that matches wins, in this order:
/// geocode rules, then devices inside a polygon or circle, then areaDesc against the commune's
/// places (<see cref="CapAreaNames"/>). Geocodes come first because they are the sender's exact
/// statement; shapes next because they are exact about places; names last because they are free
/// text. An area that reaches nothing says why (<see cref="CapAreaMiss"/>), one reason per method tried.
/// </summary>
internal static class CapZoneResolver
{
    public static ZoneResolution Resolve(IEnumerable<CapArea> areas, CapZoneMap map)
    {
        var zones = new SortedSet<string>(StringComparer.Ordinal);
        var sources = new List<string>();
        var misses = new List<CapAreaMiss>();
        var index = 0;
        foreach (var area in areas)
        {
            index++;
            var (matched, source) = ByGeocode(area, map) ?? ByShape(area, map) ?? ByName(area, map) ?? ([], "");
            if (matched.Count > 0)
            {
                zones.UnionWith(matched);
                sources.Add(source);
            }
            else
            {
                misses.AddRange(Misses(index, area, map));
            }
        }

        return new ZoneResolution(zones.ToList(), sources, zones.Count > 0 ? [] : misses);
    }

    private static IEnumerable<CapAreaMiss> Misses(int index, CapArea area, CapZoneMap map)
    {
        if (area.Geocodes.Count > 0)
        {
            yield return new CapAreaMiss(index, "geocode", string.Join(", ", area.Geocodes.Select(g => $"{g.ValueName.Trim()}={g.Value.Trim()}")));
        }

        if (area.Polygons.Count > 0 || area.Circles.Count > 0)
        {
            yield return new CapAreaMiss(index, "shape", area.Polygons.Count > 0 ? "polygon" : "circle");
        }

        if (area.AreaDesc.Trim().Length > 0 || (area.Geocodes.Count == 0 && area.Polygons.Count == 0 && area.Circles.Count == 0))
        {
            var (_, _, miss) = CapAreaNames.Match(area.AreaDesc, map);
            yield return new CapAreaMiss(index, miss?.Code ?? "empty", miss?.Detail ?? "");
        }
    }

    private static (IReadOnlyCollection<string>, string)? ByGeocode(CapArea area, CapZoneMap map)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var used = new List<string>();
        foreach (var code in area.Geocodes)
        {
            foreach (var rule in map.Geocodes.Where(r => Same(r.ValueName, code.ValueName) && Same(r.Value, code.Value)))
            {
                var ids = rule.Zones.Contains("*") ? map.Zones.Select(z => z.Id) : rule.Zones.Where(id => map.Zones.Any(z => z.Id == id));
                found.UnionWith(ids);
                used.Add($"{code.ValueName}={code.Value}");
            }
        }

        return found.Count > 0 ? (found, "geocode " + string.Join(", ", used.Distinct())) : null;
    }

    private static (IReadOnlyCollection<string>, string)? ByShape(CapArea area, CapZoneMap map)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var kinds = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var device in map.Devices)
        {
            if (area.Polygons.Any(p => GeoMath.Contains(p, device.Location)))
            {
                found.UnionWith(device.Zones);
                kinds.Add("polygon");
            }

            if (area.Circles.Any(c => GeoMath.Contains(c, device.Location)))
            {
                found.UnionWith(device.Zones);
                kinds.Add("circle");
            }
        }

        // A device may sit in a zone this commune no longer has: only known zones count.
        found.IntersectWith(map.Zones.Select(z => z.Id));
        return found.Count > 0 ? (found, string.Join("+", kinds) + " (device positions)") : null;
    }

    private static (IReadOnlyCollection<string>, string)? ByName(CapArea area, CapZoneMap map)
    {
        if (area.AreaDesc.Trim().Length == 0)
        {
            return null;
        }

        var (zones, whole, _) = CapAreaNames.Match(area.AreaDesc, map);
        return zones.Count == 0 ? null : (zones, whole ? $"areaDesc '{area.AreaDesc}' (whole commune)" : $"areaDesc '{area.AreaDesc}'");
    }

    private static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
