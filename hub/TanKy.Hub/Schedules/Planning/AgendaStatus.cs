namespace TanKy.Hub.Schedules.Planning;

/// <summary>What the agenda expects of one occurrence in one zone, after exceptions and arbitration.</summary>
public enum AgendaStatus
{
    /// <summary>Plays at its time, uninterrupted.</summary>
    Planned,

    /// <summary>Starts late because a programme of the same class still holds the zone (first come, first served).</summary>
    Queued,

    /// <summary>Cut by a priority programme and continued from the same point afterwards.</summary>
    Resumed,

    /// <summary>Cut by a priority programme and played again from the start afterwards.</summary>
    Restarted,

    /// <summary>Cut by a priority programme and not continued (on_preempt: skip).</summary>
    Preempted,

    /// <summary>A priority programme holds the zone at its start and on_preempt is skip: it does not play.</summary>
    SkippedPreempted,

    /// <summary>Removed by an exception calendar (skip_on).</summary>
    SkippedHoliday,
}
