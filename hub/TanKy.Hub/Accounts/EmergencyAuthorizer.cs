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
        user.Disabled ? AuthorizationOutcome.Refuse(new("emergency.reason.user-disabled", user.Name))
        : user.Role is Role.Admin or Role.Officer or Role.HamletHead ? AuthorizationOutcome.Allow("emergency.reason.role-may", RoleKey(user))
        : AuthorizationOutcome.Refuse(new("emergency.reason.role-may-not", RoleKey(user)));

    public static AuthorizationOutcome Authorize(User user, IReadOnlyCollection<string> zones)
    {
        if (user.Disabled)
        {
            return AuthorizationOutcome.Refuse(new("emergency.reason.user-disabled", user.Name));
        }

        if (zones.Count == 0)
        {
            return AuthorizationOutcome.Refuse(new("emergency.reason.no-zone"));
        }

        switch (user.Role)
        {
            case Role.Admin or Role.Officer:
                return AuthorizationOutcome.Allow("emergency.reason.every-zone", RoleKey(user));
            case Role.HamletHead:
                var outside = zones.Where(z => !user.CanReachZone(z)).Distinct(StringComparer.Ordinal).ToList();
                return outside.Count == 0
                    ? AuthorizationOutcome.Allow("emergency.reason.own-zones")
                    : AuthorizationOutcome.Refuse(new("emergency.reason.outside", user.Name, string.Join(", ", outside)), outside);
            default:
                return AuthorizationOutcome.Refuse(new("emergency.reason.role-may-not", RoleKey(user)));
        }
    }

    // The role as its own text key, so "Trưởng khối/xóm" is shown instead of "hamlet-head".
    private static string RoleKey(User user) => "role." + user.Role.ToWire();
}
