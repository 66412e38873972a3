using TanKy.Protocol;

namespace TanKy.Hub.Broker;

/// <summary>What the broker needs to know about an authenticated device: who it is and its zones (for the ACL).</summary>
public sealed record DeviceAccess(string DeviceId, DeviceKind Kind, IReadOnlyList<string> Zones)
{
    /// <summary>A value that changes whenever the device's secret changes (its stored hash; never logged).</summary>
    public string? CredentialStamp { get; init; }
}
