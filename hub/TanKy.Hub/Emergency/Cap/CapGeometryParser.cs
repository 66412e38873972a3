using System.Globalization;

namespace TanKy.Hub.Emergency.Cap;

/// <summary>CAP geometry strings: polygon "lat,lon lat,lon …" (closed, ≥ 4 pairs) and circle "lat,lon radius-km".</summary>
internal static class CapGeometryParser
{
    public static IReadOnlyList<GeoPoint>? Polygon(string text, out string? problem)
    {
        var points = new List<GeoPoint>();
        foreach (var pair in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (Point(pair, out problem) is not { } p)
            {
                return null;
            }

            points.Add(p);
        }

        problem = points.Count < 4 ? $"a polygon needs at least 4 coordinate pairs, got {points.Count}"
            : points[0] != points[^1] ? "a polygon must be closed: its first and last pairs must be equal"
            : null;
        return problem is null ? points : null;
    }

    public static CapCircle? Circle(string text, out string? problem)
    {
        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2)
        {
            problem = $"'{text}' is not 'lat,lon radius'";
            return null;
        }

        if (Point(parts[0], out problem) is not { } centre)
        {
            return null;
        }

        if (!double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var radius) || radius < 0 || !double.IsFinite(radius))
        {
            problem = $"radius '{parts[1]}' is not a non-negative number of kilometres";
            return null;
        }

        return new CapCircle(centre, radius);
    }

    private static GeoPoint? Point(string pair, out string? problem)
    {
        var xy = pair.Split(',');
        if (xy.Length != 2
            || !double.TryParse(xy[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            || !double.TryParse(xy[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon))
        {
            problem = $"'{pair}' is not a 'lat,lon' pair";
            return null;
        }

        if (lat is < -90 or > 90 || lon is < -180 or > 180)
        {
            problem = $"'{pair}' is outside WGS 84 (lat −90…90, lon −180…180)";
            return null;
        }

        problem = null;
        return new GeoPoint(lat, lon);
    }
}
