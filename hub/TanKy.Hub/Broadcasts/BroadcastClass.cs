namespace TanKy.Hub.Broadcasts;

/// <summary>
/// Bulletin classes of Circular 39/2020/TT-BTTTT, in rising precedence: a higher value preempts
/// a lower one in a zone. Wire names: normal, priority, emergency.
/// </summary>
public enum BroadcastClass
{
    Normal = 0,
    Priority = 1,
    Emergency = 2,
}
