namespace TanKy.Hub.Broadcasts;

/// <summary>
/// What happens to a broadcast cut off in a zone by a higher class, once the zone is free
/// again. Wire names: resume, restart, skip.
/// </summary>
public enum PreemptionPolicy
{
    /// <summary>Play on from where it was cut.</summary>
    Resume,

    /// <summary>Play again from the beginning (a short notice makes no sense from its middle).</summary>
    Restart,

    /// <summary>Drop it in that zone.</summary>
    Skip,
}
