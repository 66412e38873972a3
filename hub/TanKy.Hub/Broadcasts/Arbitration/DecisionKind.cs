using System.Text.Json.Serialization;

namespace TanKy.Hub.Broadcasts.Arbitration;

/// <summary>What the arbiter decided for one broadcast in one zone (stored in <c>broadcast_decisions</c>).</summary>
public enum DecisionKind
{
    /// <summary>Waits: the zone plays something of equal or higher class.</summary>
    [JsonStringEnumMemberName("queued")]
    Queued,

    /// <summary>Starts playing from the beginning for the first time.</summary>
    [JsonStringEnumMemberName("aired")]
    Aired,

    /// <summary>Cut off by a higher class (or a later emergency) at <see cref="ArbiterDecision.Offset"/>.</summary>
    [JsonStringEnumMemberName("preempted")]
    Preempted,

    /// <summary>Plays again from the offset it was cut at.</summary>
    [JsonStringEnumMemberName("resumed")]
    Resumed,

    /// <summary>Plays again from the beginning after a preemption.</summary>
    [JsonStringEnumMemberName("restarted")]
    Restarted,

    /// <summary>Dropped in the zone (policy skip after a preemption).</summary>
    [JsonStringEnumMemberName("skipped")]
    Skipped,

    /// <summary>Played to its end in the zone.</summary>
    [JsonStringEnumMemberName("finished")]
    Finished,

    /// <summary>Stopped by an operator.</summary>
    [JsonStringEnumMemberName("cancelled")]
    Cancelled,

    /// <summary>Could not be played (source or publish error).</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,
}
