namespace TanKy.Hub.Alerts.Cap;

/// <summary>A CAP geocode: a code system name (valueName) and a code in it (value).</summary>
public sealed record CapGeocode(string ValueName, string Value);
