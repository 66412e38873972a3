namespace TanKy.Hub.Accounts;

/// <summary>A person who uses the hub. Hamlet heads carry the zones they answer for.</summary>
public sealed record User(long Id, string Name, Role Role, IReadOnlyList<string> Zones, DateTimeOffset CreatedAt, bool Disabled)
{
    /// <summary>May this user act on <paramref name="zone"/>? Hamlet heads only in their own zones.</summary>
    public bool CanReachZone(string zone) => !Role.IsZoneScoped() || Zones.Contains(zone, StringComparer.Ordinal);

    /// <summary>May this user see a device placed in <paramref name="deviceZones"/>?</summary>
    public bool CanReachAny(IEnumerable<string> deviceZones) => !Role.IsZoneScoped() || deviceZones.Any(CanReachZone);
}
