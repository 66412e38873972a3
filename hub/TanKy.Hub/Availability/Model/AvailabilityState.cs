namespace TanKy.Hub.Availability.Model;

/// <summary>What a device was doing during a stretch of time, as far as the reports are concerned.</summary>
public enum AvailabilityState
{
    /// <summary>Not registered at the time (before it was added or after it was removed): not counted at all.</summary>
    NotInstalled,

    /// <summary>The hub was not running, or the device had not spoken yet: excluded from availability.</summary>
    Unknown,

    /// <summary>Inside a planned maintenance window: excluded from availability.</summary>
    Maintenance,

    Online,

    Offline,
}
