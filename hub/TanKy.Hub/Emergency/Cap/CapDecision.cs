using TanKy.Protocol;

namespace TanKy.Hub.Emergency.Cap;

/// <summary>
/// What one CAP message means for this commune. Produced by <see cref="CapDecider"/> without
/// side effects; <see cref="CapIntakeService"/> carries it out through <see cref="IEmergencyTrigger"/>.
/// </summary>
/// <param name="Why">The reason as a text key and arguments, for the console (Vietnamese); <see cref="Reason"/> is the English sentence.</param>
/// <param name="ZoneSources">How the zones were found, e.g. "geocode ISO3166-2=VN-22", "polygon", "areaDesc 'Khối 1'".</param>
internal sealed record CapDecision(
    CapAction Action,
    string Reason,
    string Sender,
    string Identifier,
    BulletinClass? Class,
    IReadOnlyList<string> Zones,
    IReadOnlyList<string> ZoneSources,
    string? SpeechText,
    string? LedText,
    DateTimeOffset? Expires,
    IReadOnlyList<CapReference> References,
    CapWhy? Why = null)
{
    public static CapDecision Without(CapAlert alert, CapAction action, string reason, CapWhy why, IReadOnlyList<CapReference>? references = null) =>
        new(action, reason, alert.Sender, alert.Identifier, null, [], [], null, null, null, references ?? [], why);
}
