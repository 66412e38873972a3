namespace TanKy.Hub.Schedules;

/// <summary>
/// How late an airing fires, and how late it was allowed to be (<c>play_late_within</c>).
/// <see cref="Late"/> is zero for an on-time firing; a positive value means the hub was down or busy at airtime.
/// </summary>
internal sealed record MisfireInfo(TimeSpan Late, TimeSpan PlayLateWithin)
{
    public bool IsLate => Late > TimeSpan.FromSeconds(1);
}
