namespace TanKy.Hub.Accounts;

/// <summary>Password login settings (section <c>Console:Login</c>).</summary>
public sealed class LoginOptions
{
    public const string Section = "Console:Login";

    /// <summary>Consecutive wrong passwords that lock an account.</summary>
    public int MaxFailures { get; set; } = 5;

    /// <summary>How long a locked account refuses every password, the right one included.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Sign-in attempts one address may make per minute, over all accounts (guessing many names).</summary>
    public int AttemptsPerMinutePerAddress { get; set; } = 20;
}
