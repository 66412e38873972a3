namespace TanKy.Hub.Schedules.Model;

/// <summary>What happens to a programme that a higher class interrupts.</summary>
public enum PreemptionPolicy
{
    /// <summary>Continue from where it was cut once the zone is free.</summary>
    Resume,

    /// <summary>Play again from the beginning once the zone is free.</summary>
    Restart,

    /// <summary>Drop the rest.</summary>
    Skip,
}
