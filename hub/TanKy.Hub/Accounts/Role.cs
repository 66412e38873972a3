using System.Text.Json.Serialization;

namespace TanKy.Hub.Accounts;

/// <summary>What a user may do. Wire names: admin, officer, hamlet-head, technician, viewer.</summary>
public enum Role
{
    [JsonStringEnumMemberName("admin")]
    Admin,

    [JsonStringEnumMemberName("officer")]
    Officer,

    [JsonStringEnumMemberName("hamlet-head")]
    HamletHead,

    [JsonStringEnumMemberName("technician")]
    Technician,

    [JsonStringEnumMemberName("viewer")]
    Viewer,
}
