using TanKy.Protocol;

namespace TanKy.Hub.Emergency;

/// <summary>
/// What an emergency source asks the broadcast engine to play. The engine owns arbitration,
/// streaming and delivery; this record only says what, where, how often and until when.
/// </summary>
/// <param name="Zones">Target zone ids (never empty).</param>
/// <param name="Class">Bulletin class; CAP alerts may ask for priority or normal too.</param>
/// <param name="MediaIds">Stored clips played in this order each time (e.g. siren, then the message).</param>
/// <param name="SpeechText">The text spoken, when the message was synthesised (kept for the archive and the log).</param>
/// <param name="Headline">Short text for LED boards, diacritics kept; null for none.</param>
/// <param name="Repeat">How many times the sequence plays (1 = once).</param>
/// <param name="RepeatInterval">Pause between repetitions.</param>
/// <param name="Expires">No repetition starts after this instant (CAP <c>expires</c>).</param>
/// <param name="RequestedBy">User name, <c>gateway-button</c> or <c>cap:{sender}</c>.</param>
/// <param name="Channel">Where the trigger came from.</param>
/// <param name="SourceRef">CAP <c>sender,identifier,sent</c>, a button press id…; for the archive.</param>
public sealed record EmergencyRequest(
    IReadOnlyList<string> Zones,
    BulletinClass Class,
    IReadOnlyList<string> MediaIds,
    string? SpeechText,
    string? Headline,
    int Repeat,
    TimeSpan RepeatInterval,
    DateTimeOffset? Expires,
    string RequestedBy,
    TriggerChannel Channel,
    string? SourceRef);
