namespace TanKy.Hub.Web.Console.Dashboard;

/// <summary>What the dashboard shows, already limited to the zones the user may see.</summary>
public sealed record DashboardView(
    DateTimeOffset At,
    IReadOnlyList<ZoneSummary> Zones,
    IReadOnlyList<DevicePin> Devices,
    IReadOnlyList<OpenAlert> Alerts,
    MapBox? Box,
    IReadOnlyList<PlacedLabel> Labels);

/// <summary>One hamlet: devices online per kind, and what it plays now.</summary>
public sealed record ZoneSummary(string Id, string Name, IReadOnlyList<KindCount> Kinds, NowPlaying? Playing)
{
    public int Online => Kinds.Sum(k => k.Online);

    public int Total => Kinds.Sum(k => k.Total);
}

public sealed record KindCount(string Kind, int Online, int Total);

public sealed record NowPlaying(string BroadcastId, string Title, string Class, int SpeakersPlaying, int SpeakersTargeted);

/// <summary>
/// A device on the map; <see cref="Playing"/> when it reported the start of the zone's current
/// broadcast; <see cref="Outcome"/> (played, refused, offline, pending) while its hamlet plays one.
/// </summary>
public sealed record DevicePin(string Id, string Name, string Kind, IReadOnlyList<string> Zones, string Status, bool Playing, double? Lat, double? Lon, string? Outcome = null);

public sealed record OpenAlert(string DeviceId, string Kind, IReadOnlyList<string> Zones, DateTimeOffset OfflineSince);

/// <summary>The bounding box of the devices a user may see (the whole commune, or a hamlet head's hamlets), padded, for the SVG map.</summary>
public sealed record MapBox(double MinLat, double MinLon, double MaxLat, double MaxLon)
{
    public const int Width = 600;

    /// <summary>Height that keeps the map's aspect near the ground's (longitude degrees shrink with cos(latitude)).</summary>
    public int Height => (int)Math.Clamp(Width * (MaxLat - MinLat) / ((MaxLon - MinLon) * Math.Cos(MidLat * Math.PI / 180)), 200, 900);

    private double MidLat => (MinLat + MaxLat) / 2;

    public (double X, double Y) Project(double lat, double lon) =>
        (Math.Round((lon - MinLon) / (MaxLon - MinLon) * Width, 1), Math.Round((MaxLat - lat) / (MaxLat - MinLat) * Height, 1));

    public static MapBox? Around(IEnumerable<(double Lat, double Lon)> points)
    {
        var list = points.ToList();
        if (list.Count == 0)
        {
            return null;
        }

        double minLat = list.Min(p => p.Lat), maxLat = list.Max(p => p.Lat), minLon = list.Min(p => p.Lon), maxLon = list.Max(p => p.Lon);
        // 8 % padding, and at least ~100 m, so pins at the edge and a single device stay visible.
        var padLat = Math.Max((maxLat - minLat) * 0.08, 0.001);
        var padLon = Math.Max((maxLon - minLon) * 0.08, 0.001);
        return new MapBox(minLat - padLat, minLon - padLon, maxLat + padLat, maxLon + padLon);
    }
}
