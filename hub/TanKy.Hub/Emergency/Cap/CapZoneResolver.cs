namespace TanKy.Hub.Emergency.Cap;

/// <summary>
/// Maps CAP areas to zones. Per area, the first method that matches wins, in this order:
/// geocode rules, then devices inside a polygon or circle, then areaDesc against zone names.
/// Geocodes come first because they are the sender's exact statement; shapes next because
/// they are exact about places; names last because they are free text.
/// </summary>
internal static class CapZoneResolver
{
    public static ZoneResolution Resolve(IEnumerable<CapArea> areas, CapZoneMap map)
    {
        var zones = new SortedSet<string>(StringComparer.Ordinal);
        var sources = new List<string>();
        foreach (var area in areas)
        {
            var (matched, source) = ByGeocode(area, map) ?? ByShape(area, map) ?? ByName(area, map) ?? ([], "");
            if (matched.Count > 0)
            {
                zones.UnionWith(matched);
                sources.Add(source);
            }
        }

        return new ZoneResolution(zones.ToList(), sources);
    }

    private static (IReadOnlyCollection<string>, string)? ByGeocode(CapArea area, CapZoneMap map)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var used = new List<string>();
        foreach (var code in area.Geocodes)
        {
            foreach (var rule in map.Geocodes.Where(r => Same(r.ValueName, code.ValueName) && string.Equals(r.Value.Trim(), code.Value.Trim(), StringComparison.OrdinalIgnoreCase)))
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
        var parts = NameParts(area.AreaDesc);
        if (parts.Count == 0)
        {
            return null;
        }

        if (map.CommuneNames.Select(VietnameseFold.Fold).Any(parts.Contains))
        {
            return (map.Zones.Select(z => z.Id).ToList(), $"areaDesc '{area.AreaDesc}' (whole commune)");
        }

        var found = map.Zones.Where(z => ZoneKeys(z).Any(parts.Contains)).Select(z => z.Id).ToList();
        return found.Count > 0 ? (found, $"areaDesc '{area.AreaDesc}'") : null;
    }

    /// <summary>"Khối 1, Khối 2 và Xóm 3 – Liên Sơn" → {"khoi 1", "khoi 2", "xom 3 lien son", "xom 3", "lien son"}.</summary>
    private static HashSet<string> NameParts(string areaDesc)
    {
        var parts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var piece in areaDesc.Split([',', ';', '/', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var item in VietnameseFold.Fold(piece).Split([" va ", " and "], StringSplitOptions.RemoveEmptyEntries))
            {
                parts.Add(item.Trim());
            }

            foreach (var half in piece.Split(['–', '—'], StringSplitOptions.RemoveEmptyEntries))
            {
                parts.Add(VietnameseFold.Fold(half));
            }
        }

        parts.Remove("");
        return parts;
    }

    /// <summary>A zone answers to its id ("xom-3" → "xom 3"), its full name, and each side of an en dash in the name.</summary>
    private static IEnumerable<string> ZoneKeys(CapZoneMap.ZonePlace zone)
    {
        yield return VietnameseFold.Fold(zone.Id);
        yield return VietnameseFold.Fold(zone.Name);
        foreach (var half in zone.Name.Split(['–', '—'], StringSplitOptions.RemoveEmptyEntries))
        {
            yield return VietnameseFold.Fold(half);
        }
    }

    private static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
