using TanKy.Hub.Accounts;
using TanKy.Protocol;

namespace TanKy.Hub.Accounts;

/// <summary>
/// Who may start an emergency where: officers and admins reach every zone, a hamlet head
/// only the zones assigned to them, everybody else nothing. Pure: the caller audits.
/// </summary>
public static class EmergencyAuthorizer
{
    /// <summary>
    /// The part of <see cref="Authorize"/> that needs no zones: may this user trigger an emergency
    /// anywhere at all? Endpoints ask it before reading a request body, so a viewer's upload is
    /// refused before a byte of it is read.
    /// </summary>
    public static AuthorizationOutcome AuthorizeRole(User user) =>
        user.Disabled ? AuthorizationOutcome.Refuse($"user '{user.Name}' is disabled")
        : user.Role is Role.Admin or Role.Officer or Role.HamletHead ? AuthorizationOutcome.Allow($"{user.Role.ToWire()} may trigger emergencies")
        : AuthorizationOutcome.Refuse($"the {user.Role.ToWire()} role may not trigger emergencies");

    public static AuthorizationOutcome Authorize(User user, IReadOnlyCollection<string> zones)
    {
        if (user.Disabled)
        {
            return AuthorizationOutcome.Refuse($"user '{user.Name}' is disabled");
        }

        if (zones.Count == 0)
        {
            return AuthorizationOutcome.Refuse("no target zone");
        }

        switch (user.Role)
        {
            case Role.Admin or Role.Officer:
                return AuthorizationOutcome.Allow($"{user.Role.ToWire()} reaches every zone");
            case Role.HamletHead:
                var outside = zones.Where(z => !user.CanReachZone(z)).Distinct(StringComparer.Ordinal).ToList();
                return outside.Count == 0
                    ? AuthorizationOutcome.Allow("hamlet head in own zones")
                    : AuthorizationOutcome.Refuse($"zones outside {user.Name}'s hamlets: {string.Join(", ", outside)}", outside);
            default:
                return AuthorizationOutcome.Refuse($"the {user.Role.ToWire()} role may not trigger emergencies");
        }
    }
}
