namespace TanKy.Hub.Broadcasts.Arbitration;

/// <summary>Questions about a <see cref="DecisionKind"/> (its wire name is on the member).</summary>
internal static class DecisionKinds
{
    /// <summary>True when the decision makes the broadcast start sounding in the zone.</summary>
    public static bool StartsPlayback(this DecisionKind kind) => kind is DecisionKind.Aired or DecisionKind.Resumed or DecisionKind.Restarted;
}
