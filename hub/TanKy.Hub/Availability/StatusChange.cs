namespace TanKy.Hub.Availability;

/// <summary>A stored online/offline transition.</summary>
internal sealed record StatusChange(string DeviceId, string Status, string Reason, DateTimeOffset At);
