namespace TanKy.Protocol;

/// <summary>
/// The speaker's playback event types (protocol.md §4.6) and the reasons of <c>playback.refused</c>,
/// shared by the hub, which builds delivery reports from them, and the simulator, which sends them.
/// </summary>
public static class PlaybackEventTypes
{
    public const string Started = "playback.started";
    public const string Finished = "playback.finished";
    public const string Preempted = "playback.preempted";
    public const string Underrun = "playback.underrun";

    /// <summary>A <c>play</c> order the node does not follow (§4.8); <c>data.reason</c> says why.</summary>
    public const string Refused = "playback.refused";

    /// <summary><c>data.reason</c> of a refusal: the node cannot decode the order's codec (<c>data.codec</c> names it).</summary>
    public const string RefusedCodec = "codec";

    /// <summary><c>data.reason</c> of a refusal: a stream of equal class holds the speaker.</summary>
    public const string RefusedClass = "class";
}
