using Microsoft.AspNetCore.Authorization;
using TanKy.Hub.Accounts;
using TanKy.Protocol;

namespace TanKy.Hub.Accounts.Http;

/// <summary>Named authorisation policies. Zone scope is checked per request on top of these.</summary>
public static class Policies
{
    /// <summary>Any signed-in user may read what their zones allow.</summary>
    public const string Read = "read";

    /// <summary>Changing devices: technicians and admins.</summary>
    public const string Control = "control";

    /// <summary>Managing users and the registry: admins.</summary>
    public const string Admin = "admin";

    public static void Add(AuthorizationOptions o)
    {
        o.AddPolicy(Read, p => p.RequireAuthenticatedUser());
        o.AddPolicy(Control, p => p.RequireRole(Role.Admin.ToWire(), Role.Technician.ToWire()));
        o.AddPolicy(Admin, p => p.RequireRole(Role.Admin.ToWire()));
        o.FallbackPolicy = o.GetPolicy(Read);
    }
}
