using TanKy.Protocol;

namespace TanKy.Hub.Emergency.Cap;

/// <summary>The HTTP answer to a POSTed CAP message.</summary>
internal sealed record CapAlertDto(
    string Action,
    string Reason,
    string Sender,
    string Identifier,
    string? Class,
    IReadOnlyList<string> Zones,
    IReadOnlyList<string> ZoneSources,
    string? SpeechText,
    string? LedText,
    DateTimeOffset? Expires,
    string? BroadcastId,
    IReadOnlyList<string> Cancelled)
{
    public static CapAlertDto From(CapDecision d, CapIntakeResult r) => new(
        d.Action.ToWire(), d.Reason, d.Sender, d.Identifier, d.Class?.ToWire(), d.Zones, d.ZoneSources, d.SpeechText, d.LedText, d.Expires, r.BroadcastId, r.CancelledBroadcasts);
}
