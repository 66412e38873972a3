namespace TanKy.Hub.Accounts;

/// <summary>The answer to a password check: the outcome, the user on success, and the wait when throttled.</summary>
public sealed record LoginCheck(LoginOutcome Outcome, User? User, TimeSpan RetryAfter)
{
    public static LoginCheck Refused(LoginOutcome outcome) => new(outcome, null, TimeSpan.Zero);
}
