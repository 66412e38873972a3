using Dapper;
using TanKy.Hub.Shared;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Emergency.Cap;

/// <summary>
/// Table <c>cap_senders</c>: which CAP <c>sender</c> values this hub accepts, and the credential
/// each must present (a token, an RSA key for enveloped signatures, or both). Read per message, so
/// `tanky-hub cap senders add|remove` takes effect at once in a running hub.
/// </summary>
internal sealed class CapSenderStore(Database db, TimeProvider time)
{
    /// <summary>Registers <paramref name="sender"/>. Returns the new token (shown once) when <paramref name="withToken"/>.</summary>
    public string? Add(string sender, bool withToken, byte[]? key, string? note)
    {
        sender = sender.Trim();
        if (CapValues.IdentifierProblem(sender) is { } problem)
        {
            throw new InvalidOperationException(CapCliText.Get("cap.sender.invalid", sender, problem));
        }

        if (!withToken && key is null)
        {
            throw new InvalidOperationException(CapCliText.Get("cap.sender.need-credential"));
        }

        var token = withToken ? SecretHasher.NewSecret() : null;
        var normalized = key is null ? ((string Pem, string Sha256)?)null : CapSenderKey.Normalize(key);
        using var c = db.Open();
        var added = c.Execute(
            """
            INSERT INTO cap_senders(sender, token_hash, public_key, key_sha256, note, created_at)
            VALUES (@sender, @tokenHash, @pem, @sha, @note, @now) ON CONFLICT(sender) DO NOTHING
            """,
            new
            {
                sender,
                tokenHash = token is null ? null : SecretHasher.Hash(token, SecretHasher.DeviceSecretIterations),
                pem = normalized?.Pem,
                sha = normalized?.Sha256,
                note,
                now = time.GetUtcNow().ToUnixTimeMilliseconds(),
            });
        if (added == 0)
        {
            throw new InvalidOperationException(CapCliText.Get("cap.sender.exists", sender));
        }

        return token;
    }

    public bool Remove(string sender)
    {
        using var c = db.Open();
        return c.Execute("DELETE FROM cap_senders WHERE sender = @sender", new { sender }) > 0;
    }

    public CapSender? Find(string sender)
    {
        using var c = db.Open();
        return c.QuerySingleOrDefault<Row>("SELECT sender, token_hash, public_key, key_sha256, note, created_at FROM cap_senders WHERE sender = @sender", new { sender })?.ToSender();
    }

    public IReadOnlyList<CapSender> List()
    {
        using var c = db.Open();
        return c.Query<Row>("SELECT sender, token_hash, public_key, key_sha256, note, created_at FROM cap_senders ORDER BY sender").Select(r => r.ToSender()).ToList();
    }

    private sealed record Row(string sender, string? token_hash, string? public_key, string? key_sha256, string? note, long created_at)
    {
        public CapSender ToSender() => new(sender, token_hash, public_key, key_sha256, note, DateTimeOffset.FromUnixTimeMilliseconds(created_at));
    }
}
