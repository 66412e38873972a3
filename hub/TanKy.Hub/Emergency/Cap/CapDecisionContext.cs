namespace TanKy.Hub.Emergency.Cap;

/// <summary>Everything outside the message that a decision depends on, so <see cref="CapDecider"/> stays a pure function.</summary>
/// <param name="AlreadySeen">The same sender already sent this identifier (and it was acted on or recorded).</param>
internal sealed record CapDecisionContext(
    DateTimeOffset Now,
    bool AlreadySeen,
    CapZoneMap Map,
    int SpeechMaxCharacters = 1000,
    int LedMaxCharacters = 120);
