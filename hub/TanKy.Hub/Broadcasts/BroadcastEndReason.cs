using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Broadcasts;

/// <summary>
/// Why a stream or a broadcast ended, as stored text messages (<see cref="TextMessage.Encode"/>)
/// that the API, the console and the programme history show in the reader's language. A failure
/// is said without the exception's words: those are English and technical, and go to the hub log.
/// None takes a key as an argument of its own, so each can itself be the argument of another
/// message (<c>api2.end.finished-failed</c>), whose arguments are translated only one level deep.
/// </summary>
internal static class BroadcastEndReason
{
    /// <summary>A stream failed while playing (the exception is logged by the stream).</summary>
    public static string StreamFailed => new TextMessage("api2.end.stream-failed").Encode();

    /// <summary>The broadcast could not be stored, so it never went on the air.</summary>
    public static string NotStored => new TextMessage("api2.end.not-stored").Encode();

    /// <summary>The hub is stopping: every stream is cut.</summary>
    public static string HubStopping => new TextMessage("api2.end.hub-stopping").Encode();

    /// <summary>A previous hub run left the broadcast on the air or waiting: marked failed at start.</summary>
    public static string HubRestarted => new TextMessage("api2.end.hub-restarted").Encode();

    /// <summary>The zone went to broadcast <paramref name="by"/> (a higher class).</summary>
    public static string PreemptedBy(string? by) => new TextMessage("api2.end.preempted-by", by).Encode();
}
