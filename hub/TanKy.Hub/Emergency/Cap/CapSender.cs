namespace TanKy.Hub.Emergency.Cap;

/// <summary>
/// A registered CAP source (table <c>cap_senders</c>): the <c>sender</c> value it may use and its
/// credentials. The token is kept only as a hash; the key is public.
/// </summary>
internal sealed record CapSender(string Sender, string? TokenHash, string? PublicKeyPem, string? KeySha256, string? Note, DateTimeOffset CreatedAt)
{
    public bool HasToken => TokenHash is not null;

    public bool HasKey => PublicKeyPem is not null;
}
