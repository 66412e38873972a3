namespace TanKy.Hub.Accounts;

/// <summary>
/// Password throttling (section <c>Console:Login</c>). There is no lockout: wrong passwords slow
/// down the address that sends them, per account and over all accounts, with delays that double
/// after a few free tries. The right password from another address works at once.
/// </summary>
public sealed class LoginOptions
{
    public const string Section = "Console:Login";

    /// <summary>Wrong passwords one address may try for one account before delays start (typos).</summary>
    public int FreeFailuresPerAccount { get; set; } = 3;

    /// <summary>Wrong passwords one address may try over all accounts before delays start (guessing many names).</summary>
    public int FreeFailuresPerAddress { get; set; } = 10;

    /// <summary>The wait after the first failure past the free ones; each further failure doubles it.</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two tries (the doubling stops here).</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Failures are forgotten when nothing was tried for this long.</summary>
    public TimeSpan ForgetAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Sign-in form posts one address may make per minute (a CPU guard: every try costs a PBKDF2 hash).</summary>
    public int AttemptsPerMinutePerAddress { get; set; } = 20;
}
