namespace TanKy.Hub.Emergency.Cap;

/// <summary>
/// One configured geocode → zones rule (<c>Alerts:Cap:Geocodes</c>), e.g. ISO 3166-2 "VN-22"
/// (Nghệ An) → "*" (every zone), or a national administrative unit code → some hamlets.
/// </summary>
public sealed class CapGeocodeMapping
{
    public string ValueName { get; set; } = "";

    public string Value { get; set; } = "";

    /// <summary>Zone ids; "*" means every zone of the commune.</summary>
    public List<string> Zones { get; set; } = [];
}
