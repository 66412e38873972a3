namespace TanKy.Hub.Emergency.Cap;

/// <summary>A CAP geocode: a code system name (valueName) and a code in it (value).</summary>
internal sealed record CapGeocode(string ValueName, string Value);
