using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Extensions.Options;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Accounts;

/// <summary>
/// Bearer tokens <c>tk_{prefix}_{secret}</c>. Only SHA-256 of the whole token is stored: the
/// token carries 256 random bits, so a slow hash would add nothing but latency per request.
/// The prefix identifies a token for listing and revoking without revealing it. Every token
/// expires (<see cref="TokenOptions"/>). Whoever asks for one on behalf of a signed-in user must
/// have checked the password again (<see cref="PasswordLogin.Verify"/>): a session alone is not enough.
/// </summary>
public sealed class TokenService(Database db, UserStore users, TimeProvider time, IOptions<TokenOptions>? options = null)
{
    private readonly TokenOptions _options = options?.Value ?? new TokenOptions();

    /// <summary>The lifetimes this hub allows, for forms and messages.</summary>
    public TokenOptions Lifetimes => _options;

    /// <summary>A new token, printed once; <paramref name="lifetime"/> defaults to <see cref="TokenOptions.DefaultLifetime"/>.</summary>
    public string Create(string userName, string name = "cli", TimeSpan? lifetime = null)
    {
        var user = users.Find(userName) ?? throw new AccountException("account.error.no-user", userName);
        var life = lifetime ?? _options.DefaultLifetime;
        if (life <= TimeSpan.Zero || life > _options.MaxLifetime)
        {
            throw new AccountException("account.error.token-lifetime", _options.MaxLifetime.TotalDays.ToString("0", System.Globalization.CultureInfo.InvariantCulture));
        }

        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var token = $"tk_{prefix}_{secret}";
        var now = time.GetUtcNow();
        using var c = db.Open();
        c.Execute(
            "INSERT INTO api_tokens(user_id, name, prefix, token_hash, created_at, expires_at) VALUES (@userId, @name, @prefix, @hash, @now, @expires)",
            new { userId = user.Id, name, prefix, hash = Hash(token), now = now.ToUnixTimeMilliseconds(), expires = now.Add(life).ToUnixTimeMilliseconds() });
        return token;
    }

    /// <summary>The user a token belongs to, or null when it is unknown, revoked, expired or its user is disabled.</summary>
    public User? Validate(string? token)
    {
        if (token is null || token.Length > 100 || !token.StartsWith("tk_", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = token.Split('_', 3);
        if (parts.Length != 3)
        {
            return null;
        }

        using var c = db.Open();
        var row = c.QuerySingleOrDefault<(long Id, long UserId, string Hash, long? Expires, long? Revoked)>(
            "SELECT id, user_id, token_hash, expires_at, revoked_at FROM api_tokens WHERE prefix = @prefix", new { prefix = parts[1] });
        if (row.Hash is null || row.Revoked is not null
            || !CryptographicOperations.FixedTimeEquals(Convert.FromHexString(row.Hash), Convert.FromHexString(Hash(token))))
        {
            return null;
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (row.Expires is { } e && e <= now)
        {
            return null;
        }

        c.Execute("UPDATE api_tokens SET last_used = @now WHERE id = @id", new { now, id = row.Id });
        var user = users.Find(row.UserId);
        return user is { Disabled: false } ? user : null;
    }

    public void Revoke(string prefix)
    {
        using var c = db.Open();
        if (c.Execute("UPDATE api_tokens SET revoked_at = @now WHERE prefix = @prefix AND revoked_at IS NULL", new { prefix, now = time.GetUtcNow().ToUnixTimeMilliseconds() }) == 0)
        {
            throw new AccountException("account.error.no-token", prefix);
        }
    }

    public IReadOnlyList<ApiToken> List(string? userName = null)
    {
        using var c = db.Open();
        return c.Query<(string Prefix, string User, string Name, long Created, long? Expires, long? Used, long? Revoked)>(
                "SELECT t.prefix, u.name, t.name, t.created_at, t.expires_at, t.last_used, t.revoked_at FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE @userName IS NULL OR u.name = @userName ORDER BY t.created_at",
                new { userName })
            .Select(r => new ApiToken(r.Prefix, r.User, r.Name, Ms(r.Created), OptMs(r.Expires), OptMs(r.Used), OptMs(r.Revoked)))
            .ToList();
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static DateTimeOffset Ms(long v) => DateTimeOffset.FromUnixTimeMilliseconds(v);

    private static DateTimeOffset? OptMs(long? v) => v is { } x ? Ms(x) : null;
}
