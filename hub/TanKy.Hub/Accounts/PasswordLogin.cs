using System.Net;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Extensions.Options;
using TanKy.Hub.Shared;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Accounts;

/// <summary>
/// Console passwords: PBKDF2 check against <c>users.password_hash</c>, throttled per address and
/// account (<see cref="LoginThrottle"/>, no lockout), password changes (which end the user's
/// sessions and revoke their API tokens), and the first-run rule (no admin with a password yet).
/// </summary>
public sealed class PasswordLogin(Database db, UserStore users, IOptions<LoginOptions> options, TimeProvider time)
{
    // Verified when the user is unknown, so a wrong name costs as long as a wrong password.
    private static readonly string DummyHash = SecretHasher.Hash("not-a-password", SecretHasher.PasswordIterations);
    private static readonly Lock SetupGate = new();
    private readonly LoginThrottle _throttle = new(options, time);

    /// <summary>A sign-in: the name as typed, the password, and the address it comes from (the throttle's key).</summary>
    public LoginCheck Check(string name, string password, IPAddress? remote)
    {
        var wait = _throttle.TryBegin(name, remote);
        if (wait > TimeSpan.Zero)
        {
            // Refused before any hashing: a throttled guesser costs no CPU.
            return new LoginCheck(LoginOutcome.Throttled, null, wait);
        }

        var row = Row(name);
        if (row is null)
        {
            SecretHasher.Verify(password, DummyHash);
            return LoginCheck.Refused(LoginOutcome.BadCredentials);
        }

        if (!SecretHasher.Verify(password, row.Value.Hash))
        {
            return LoginCheck.Refused(LoginOutcome.BadCredentials);
        }

        _throttle.Succeeded(name, remote);
        var user = users.Find(row.Value.Id)!;
        return user.Disabled ? LoginCheck.Refused(LoginOutcome.Disabled) : new LoginCheck(LoginOutcome.Success, user, TimeSpan.Zero);
    }

    /// <summary>
    /// The current password of a signed-in user, asked again before a password change or a new
    /// token. Throttled like a sign-in: a stolen session must not become a password oracle.
    /// </summary>
    public LoginCheck Verify(long userId, string password, IPAddress? remote)
    {
        var user = users.Find(userId);
        if (user is null)
        {
            return LoginCheck.Refused(LoginOutcome.BadCredentials);
        }

        var check = Check(user.Name, password, remote);
        return check.Outcome == LoginOutcome.Success && check.User!.Id != userId ? LoginCheck.Refused(LoginOutcome.BadCredentials) : check;
    }

    /// <summary>True once an admin who can sign in exists: the console's setup page is then refused.</summary>
    public bool AdminExists()
    {
        using var c = db.Open();
        return c.ExecuteScalar<long>("SELECT COUNT(*) FROM users WHERE role = 'admin' AND password_hash IS NOT NULL AND disabled = 0") > 0;
    }

    /// <summary>Creates the first admin; refused (AccountException) when one exists already.</summary>
    public User CreateFirstAdmin(string name, string password)
    {
        lock (SetupGate)
        {
            if (AdminExists())
            {
                throw new AccountException("setup.refused");
            }

            return users.Add(name, Role.Admin, [], password);
        }
    }

    /// <summary>
    /// Sets a new password. In the same transaction every active API token of the user is revoked;
    /// the new hash changes the session stamp, so every console session of the user ends too.
    /// </summary>
    public void SetPassword(long userId, string password)
    {
        if (password.Length < 10)
        {
            throw new AccountException("password.rule");
        }

        using var c = db.Open();
        using var tx = c.BeginTransaction();
        c.Execute(
            "UPDATE users SET password_hash = @hash WHERE id = @userId",
            new { userId, hash = SecretHasher.Hash(password, SecretHasher.PasswordIterations) },
            tx);
        c.Execute(
            "UPDATE api_tokens SET revoked_at = @now WHERE user_id = @userId AND revoked_at IS NULL",
            new { userId, now = time.GetUtcNow().ToUnixTimeMilliseconds() },
            tx);
        tx.Commit();
    }

    /// <summary>
    /// A short fingerprint of the stored password hash: a session cookie carries it, so a password
    /// change ends every other session. Null when the user is gone, disabled or has no password.
    /// </summary>
    public string? SessionStamp(long userId)
    {
        using var c = db.Open();
        var hash = c.ExecuteScalar<string?>("SELECT password_hash FROM users WHERE id = @userId AND disabled = 0", new { userId });
        return hash is null ? null : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(hash)))[..16];
    }

    private (long Id, string? Hash)? Row(string name)
    {
        using var c = db.Open();
        var row = c.QuerySingleOrDefault<(long Id, string? Hash)>(
            "SELECT id, password_hash FROM users WHERE name = @name", new { name });
        return row.Id == 0 ? null : row;
    }
}
