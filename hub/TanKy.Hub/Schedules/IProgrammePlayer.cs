namespace TanKy.Hub.Schedules;

/// <summary>
/// Plays one scheduled airing. The broadcasts feature implements it on top of its
/// BroadcastService (arbitration per zone included); the scheduler only says what and when.
/// </summary>
internal interface IProgrammePlayer
{
    /// <summary>Starts the airing and returns the broadcast id it became (recorded in the history).</summary>
    Task<string> StartAsync(ScheduledAiring airing, CancellationToken cancellationToken);
}
