namespace TanKy.Hub.Emergency.Cap;

/// <summary>A CAP circle: centre and radius in kilometres.</summary>
internal sealed record CapCircle(GeoPoint Center, double RadiusKm);
