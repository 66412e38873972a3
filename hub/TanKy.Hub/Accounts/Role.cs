namespace TanKy.Hub.Accounts;

/// <summary>What a user may do. Wire names: admin, officer, hamlet-head, technician, viewer.</summary>
public enum Role
{
    Admin,
    Officer,
    HamletHead,
    Technician,
    Viewer,
}
