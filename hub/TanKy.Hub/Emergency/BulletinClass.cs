namespace TanKy.Hub.Emergency;

/// <summary>
/// The three bulletin classes of Circular 39/2020/TT-BTTTT: normal (by schedule), priority
/// (inserted into the programme), emergency (played immediately, preempts everything).
/// </summary>
public enum BulletinClass
{
    Normal,
    Priority,
    Emergency,
}
