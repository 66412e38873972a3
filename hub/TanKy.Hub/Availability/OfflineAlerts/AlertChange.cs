namespace TanKy.Hub.Availability.OfflineAlerts;

/// <summary>An alert that just opened (<see cref="Opened"/>) or closed.</summary>
public sealed record AlertChange(Alert Alert, bool Opened);
