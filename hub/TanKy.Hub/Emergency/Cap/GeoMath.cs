namespace TanKy.Hub.Emergency.Cap;

/// <summary>Point-in-polygon and great-circle distance, enough for hamlet-sized areas.</summary>
internal static class GeoMath
{
    private const double EarthRadiusKm = 6371.0088;

    /// <summary>
    /// Even-odd ray casting on lat/lon treated as plane coordinates: a CAP polygon around a
    /// few hamlets spans a few km, where the plane error is far below a GPS fix.
    /// </summary>
    public static bool Contains(IReadOnlyList<GeoPoint> polygon, GeoPoint p)
    {
        var inside = false;
        for (int i = 0, j = polygon.Count - 1; i < polygon.Count; j = i++)
        {
            var a = polygon[i];
            var b = polygon[j];
            if ((a.Lat > p.Lat) != (b.Lat > p.Lat)
                && p.Lon < ((b.Lon - a.Lon) * (p.Lat - a.Lat) / (b.Lat - a.Lat)) + a.Lon)
            {
                inside = !inside;
            }
        }

        return inside;
    }

    public static double HaversineKm(GeoPoint a, GeoPoint b)
    {
        static double Rad(double d) => d * Math.PI / 180;
        var dLat = Rad(b.Lat - a.Lat);
        var dLon = Rad(b.Lon - a.Lon);
        var h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(Rad(a.Lat)) * Math.Cos(Rad(b.Lat)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    public static bool Contains(CapCircle circle, GeoPoint p) => HaversineKm(circle.Center, p) <= circle.RadiusKm;
}
