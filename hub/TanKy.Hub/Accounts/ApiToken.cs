namespace TanKy.Hub.Accounts;

/// <summary>A stored API token, without its secret part.</summary>
public sealed record ApiToken(string Prefix, string UserName, string Name, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsed, DateTimeOffset? RevokedAt);
