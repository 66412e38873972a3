using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Extensions.Options;
using TanKy.Hub.Shared;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Accounts;

/// <summary>
/// Console passwords: PBKDF2 check against <c>users.password_hash</c>, lockout after
/// <see cref="LoginOptions.MaxFailures"/> consecutive failures, password changes, and the
/// first-run rule (no admin with a password yet).
/// </summary>
public sealed class PasswordLogin(Database db, UserStore users, IOptions<LoginOptions> options, TimeProvider time)
{
    // Verified when the user is unknown, so a wrong name costs as long as a wrong password.
    private static readonly string DummyHash = SecretHasher.Hash("not-a-password", SecretHasher.PasswordIterations);
    private static readonly Lock SetupGate = new();

    public (LoginOutcome Outcome, User? User) Check(string name, string password)
    {
        var row = Row(name);
        if (row is null)
        {
            SecretHasher.Verify(password, DummyHash);
            return (LoginOutcome.BadCredentials, null);
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (row.Value.LockedUntil is { } until && until > now)
        {
            return (LoginOutcome.LockedOut, null);
        }

        if (!SecretHasher.Verify(password, row.Value.Hash))
        {
            RecordFailure(row.Value.Id, now);
            return (LoginOutcome.BadCredentials, null);
        }

        using (var c = db.Open())
        {
            c.Execute("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = @id", new { id = row.Value.Id });
        }

        var user = users.Find(row.Value.Id)!;
        return user.Disabled ? (LoginOutcome.Disabled, null) : (LoginOutcome.Success, user);
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
                throw new AccountException("an administrator already exists");
            }

            return users.Add(name, Role.Admin, [], password);
        }
    }

    public void SetPassword(long userId, string password)
    {
        if (password.Length < 10)
        {
            throw new AccountException("a password needs at least 10 characters");
        }

        using var c = db.Open();
        c.Execute(
            "UPDATE users SET password_hash = @hash, failed_logins = 0, locked_until = NULL WHERE id = @userId",
            new { userId, hash = SecretHasher.Hash(password, SecretHasher.PasswordIterations) });
    }

    /// <summary>Checks the current password of a signed-in user (no lockout counting: the user is already in).</summary>
    public bool Verify(long userId, string password)
    {
        using var c = db.Open();
        var hash = c.ExecuteScalar<string?>("SELECT password_hash FROM users WHERE id = @userId", new { userId });
        return SecretHasher.Verify(password, hash);
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

    private void RecordFailure(long id, long now)
    {
        var o = options.Value;
        using var c = db.Open();
        // One statement, so concurrent failures cannot lose a count.
        c.Execute(
            """
            UPDATE users SET
              locked_until = CASE WHEN failed_logins + 1 >= @max THEN @until ELSE locked_until END,
              failed_logins = CASE WHEN failed_logins + 1 >= @max THEN 0 ELSE failed_logins + 1 END
            WHERE id = @id
            """,
            new { id, max = Math.Max(1, o.MaxFailures), until = now + (long)o.LockoutDuration.TotalMilliseconds });
    }

    private (long Id, string? Hash, long? LockedUntil)? Row(string name)
    {
        using var c = db.Open();
        var row = c.QuerySingleOrDefault<(long Id, string? Hash, long? LockedUntil)>(
            "SELECT id, password_hash, locked_until FROM users WHERE name = @name", new { name });
        return row.Id == 0 ? null : row;
    }
}
