namespace TanKy.Hub.Shared.Data.Schema;

/// <summary>
/// Accounts hardening: every API token expires. A token that had none gets 90 days from the
/// upgrade (the default <c>Tokens:DefaultLifetime</c>; SQL cannot read the configuration, and
/// counting from its creation could cut off a province script the minute the hub is upgraded).
/// Lockout is replaced by throttling, so accounts locked at upgrade time are unlocked; the
/// columns stay (a shipped schema is never edited) but nothing reads them any more.
/// </summary>
internal static class V11Accounts
{
    public const string Sql = """
        UPDATE api_tokens SET expires_at = CAST(strftime('%s', 'now') AS INTEGER) * 1000 + 7776000000
            WHERE expires_at IS NULL AND revoked_at IS NULL;
        UPDATE users SET failed_logins = 0, locked_until = NULL;
        """;
}
