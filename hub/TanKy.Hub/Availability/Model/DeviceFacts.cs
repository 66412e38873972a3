namespace TanKy.Hub.Availability.Model;

/// <summary>What the availability maths needs to know about one device besides its status events.</summary>
public sealed record DeviceFacts(
    string Id,
    string Kind,
    string Name,
    IReadOnlyList<string> Zones,
    IReadOnlyList<TimeRange> Installed,
    bool Registered,
    string CurrentStatus);
