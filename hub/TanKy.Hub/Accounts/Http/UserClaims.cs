using System.Globalization;
using System.Security.Claims;
using TanKy.Hub.Accounts;
using TanKy.Protocol;

namespace TanKy.Hub.Accounts.Http;

/// <summary>Maps a <see cref="User"/> to claims and back, for every authentication scheme.</summary>
public static class UserClaims
{
    private const string ZoneClaim = "tanky:zone";
    private const string IdClaim = "tanky:uid";

    public static IEnumerable<Claim> For(User user)
    {
        yield return new Claim(ClaimTypes.Name, user.Name);
        yield return new Claim(IdClaim, user.Id.ToString(CultureInfo.InvariantCulture));
        yield return new Claim(ClaimTypes.Role, user.Role.ToWire());
        foreach (var zone in user.Zones)
        {
            yield return new Claim(ZoneClaim, zone);
        }
    }

    /// <summary>The signed-in user, rebuilt from the principal's claims.</summary>
    public static User ToUser(this ClaimsPrincipal principal)
    {
        var role = Roles.TryParse(principal.FindFirstValue(ClaimTypes.Role), out var r) ? r.Value : Role.Viewer;
        return new User(
            long.Parse(principal.FindFirstValue(IdClaim) ?? "0", CultureInfo.InvariantCulture),
            principal.Identity?.Name ?? "",
            role,
            principal.FindAll(ZoneClaim).Select(c => c.Value).ToList(),
            DateTimeOffset.MinValue,
            Disabled: false);
    }
}
