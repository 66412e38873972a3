namespace TanKy.Hub.Emergency.Cap;

/// <summary>A CAP area: a description and any number of polygons, circles and geocodes.</summary>
internal sealed record CapArea(
    string AreaDesc,
    IReadOnlyList<IReadOnlyList<GeoPoint>> Polygons,
    IReadOnlyList<CapCircle> Circles,
    IReadOnlyList<CapGeocode> Geocodes);
