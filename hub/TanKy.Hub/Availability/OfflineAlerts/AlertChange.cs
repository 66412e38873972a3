namespace TanKy.Hub.Availability.OfflineAlerts;

/// <summary>An alert that just opened (<see cref="Opened"/>) or closed.</summary>
internal sealed record AlertChange(Alert Alert, bool Opened);
