using System.Diagnostics.CodeAnalysis;

namespace TanKy.Hub.Accounts;

/// <summary>Role wire names and the questions every feature asks about a role.</summary>
public static class Roles
{
    public static string ToWire(this Role role) => role switch
    {
        Role.Admin => "admin",
        Role.Officer => "officer",
        Role.HamletHead => "hamlet-head",
        Role.Technician => "technician",
        Role.Viewer => "viewer",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static bool TryParse(string? wire, [NotNullWhen(true)] out Role? role)
    {
        role = wire switch
        {
            "admin" => Role.Admin,
            "officer" => Role.Officer,
            "hamlet-head" => Role.HamletHead,
            "technician" => Role.Technician,
            "viewer" => Role.Viewer,
            _ => null,
        };
        return role is not null;
    }

    /// <summary>Only hamlet heads are limited to their own zones; every other role sees the whole commune.</summary>
    public static bool IsZoneScoped(this Role role) => role == Role.HamletHead;
}
