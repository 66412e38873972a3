namespace TanKy.Hub.Emergency.Cap;

/// <summary>
/// The <c>cap:</c> section of a commune file (hub/docs/emergency.md, "Zones from area"): the codes
/// and names an alert may use for the commune, for the units that contain it, and for each hamlet.
/// A geocode is written <c>valueName=value</c>, e.g. <c>ISO3166-2=VN-22</c>.
/// </summary>
public sealed class CapPlacesSection
{
    /// <summary>The commune itself: its names and codes cover every hamlet.</summary>
    public CapPlaceEntry Commune { get; set; } = new();

    /// <summary>District, province…: units that contain the commune, so they cover every hamlet too.</summary>
    public List<CapPlaceEntry> Enclosing { get; set; } = [];

    /// <summary>Per hamlet (by zone id): codes agreed with the sender and extra names.</summary>
    public List<CapHamletEntry> Hamlets { get; set; } = [];
}

/// <summary>Names (with their "xã", "huyện", "tỉnh" prefix) and geocodes of one administrative unit.</summary>
public sealed class CapPlaceEntry
{
    public List<string> Names { get; set; } = [];

    public List<string> Geocodes { get; set; } = [];
}

/// <summary>One hamlet's codes and extra names; the zone's own name always counts.</summary>
public sealed class CapHamletEntry
{
    public string Zone { get; set; } = "";

    public List<string> Names { get; set; } = [];

    public List<string> Geocodes { get; set; } = [];
}
