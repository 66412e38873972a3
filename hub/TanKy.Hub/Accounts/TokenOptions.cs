namespace TanKy.Hub.Accounts;

/// <summary>API token lifetimes (section <c>Tokens</c>). Every token expires: a leaked one stops working on its own.</summary>
public sealed class TokenOptions
{
    public const string Section = "Tokens";

    /// <summary>Lifetime of a token created without one (console, CLI without <c>--expires-days</c>).</summary>
    public TimeSpan DefaultLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>The longest lifetime anyone may ask for.</summary>
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromDays(365);
}
