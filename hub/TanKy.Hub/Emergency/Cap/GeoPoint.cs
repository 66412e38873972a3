namespace TanKy.Hub.Emergency.Cap;

/// <summary>A WGS 84 point, CAP order (latitude first).</summary>
internal readonly record struct GeoPoint(double Lat, double Lon);
