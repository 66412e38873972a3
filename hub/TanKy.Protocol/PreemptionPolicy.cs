using System.Text.Json.Serialization;

namespace TanKy.Protocol;

/// <summary>
/// What happens to a broadcast or programme cut off in a zone by a higher class, once the zone
/// is free again (the <c>on_preempt</c> of a schedule file, the <c>policy</c> of the API).
/// </summary>
public enum PreemptionPolicy
{
    /// <summary>Play on from where it was cut.</summary>
    [JsonStringEnumMemberName("resume")]
    Resume,

    /// <summary>Play again from the beginning (a short notice makes no sense from its middle).</summary>
    [JsonStringEnumMemberName("restart")]
    Restart,

    /// <summary>Drop it in that zone.</summary>
    [JsonStringEnumMemberName("skip")]
    Skip,
}
