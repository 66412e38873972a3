namespace TanKy.Hub.Accounts;

/// <summary>What a password check decided. The console shows one generic message for every refusal.</summary>
public enum LoginOutcome
{
    Success,
    BadCredentials,
    LockedOut,
    Disabled,
}
