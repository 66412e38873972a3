namespace TanKy.Hub.Accounts;

/// <summary>What a password check decided. The console shows one generic message for every refusal but <see cref="Throttled"/>.</summary>
public enum LoginOutcome
{
    Success,
    BadCredentials,

    /// <summary>Too many recent failures from this address: the password was not even checked; try again after the delay.</summary>
    Throttled,
    Disabled,
}
