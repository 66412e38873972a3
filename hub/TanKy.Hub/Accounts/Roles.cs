using System.Diagnostics.CodeAnalysis;
using TanKy.Protocol;

namespace TanKy.Hub.Accounts;

/// <summary>Role parsing and the questions every feature asks about a role (wire names are on <see cref="Role"/>).</summary>
public static class Roles
{
    public static bool TryParse(string? wire, [NotNullWhen(true)] out Role? role) => EnumWire.TryParse(wire, out role);

    /// <summary>Only hamlet heads are limited to their own zones; every other role sees the whole commune.</summary>
    public static bool IsZoneScoped(this Role role) => role == Role.HamletHead;
}
