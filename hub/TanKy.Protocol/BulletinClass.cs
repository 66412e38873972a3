using System.Text.Json.Serialization;

namespace TanKy.Protocol;

/// <summary>
/// Bulletin classes of Circular 39/2020/TT-BTTTT, in rising precedence: normal (by schedule),
/// priority (inserted into the programme), emergency (played at once, preempts everything).
/// A higher value preempts a lower one in a zone, so the numbers are part of the rule.
/// The <c>class</c> of a play order (protocol.md) is one of these wire names.
/// </summary>
public enum BulletinClass
{
    [JsonStringEnumMemberName("normal")]
    Normal = 0,

    [JsonStringEnumMemberName("priority")]
    Priority = 1,

    [JsonStringEnumMemberName("emergency")]
    Emergency = 2,
}
