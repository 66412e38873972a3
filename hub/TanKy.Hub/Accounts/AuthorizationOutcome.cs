using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Accounts;

/// <summary>
/// Whether a user may trigger an emergency for some zones, and why (<see cref="Text"/>, shown in
/// the reader's language). <see cref="Reason"/> is that message as stored in the audit.
/// </summary>
public sealed record AuthorizationOutcome(bool Allowed, TextMessage Text, IReadOnlyList<string> RefusedZones)
{
    public string Reason => Text.Encode();

    public static AuthorizationOutcome Allow(string key, params object?[] args) => new(true, new TextMessage(key, args), []);

    public static AuthorizationOutcome Refuse(TextMessage text, IReadOnlyList<string>? zones = null) => new(false, text, zones ?? []);
}
