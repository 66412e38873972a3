
namespace TanKy.Hub.Accounts;

/// <summary>Whether a user may trigger an emergency for some zones, and why not.</summary>
public sealed record AuthorizationOutcome(bool Allowed, string Reason, IReadOnlyList<string> RefusedZones)
{
    public static AuthorizationOutcome Allow(string reason) => new(true, reason, []);

    public static AuthorizationOutcome Refuse(string reason, IReadOnlyList<string>? zones = null) => new(false, reason, zones ?? []);
}
