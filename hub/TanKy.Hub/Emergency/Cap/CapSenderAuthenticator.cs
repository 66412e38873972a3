using TanKy.Hub.Shared;

namespace TanKy.Hub.Emergency.Cap;

/// <summary>
/// Decides whether a message may speak for its <c>sender</c>: the message's own signature, the
/// token that came with it, or the folder's binding must name that very sender. Every credential
/// presented must hold (a good token does not excuse a bad signature). The result is the
/// authenticated sender, by which duplicates, Update and Cancel are then keyed.
/// </summary>
internal sealed class CapSenderAuthenticator(CapSenderStore senders)
{
    /// <summary>Verified against when the sender is unknown, so an unknown sender costs the same time as a wrong token.</summary>
    private static readonly string DummyHash = SecretHasher.Hash(SecretHasher.NewSecret(), SecretHasher.DeviceSecretIterations);

    public CapAuthentication Authenticate(CapAlert alert, byte[] xml, CapSubmission from)
    {
        var registered = senders.Find(alert.Sender);
        var signed = CapSignature.IsPresent(xml);
        var method = (string?)null;

        if (signed)
        {
            if (registered?.PublicKeyPem is not { } pem)
            {
                return CapAuthentication.Refused($"the alert is signed, but no key is registered for sender '{alert.Sender}'");
            }

            using var key = CapSenderKey.Import(pem);
            if (CapSignature.Verify(xml, key) is { } problem)
            {
                return CapAuthentication.Refused($"signature refused for sender '{alert.Sender}': {problem}");
            }

            method = "signature";
        }

        if (from.SenderToken is { Length: > 0 } token)
        {
            if (!SecretHasher.Verify(token, registered?.TokenHash ?? DummyHash) || registered?.TokenHash is null)
            {
                return CapAuthentication.Refused($"the X-Cap-Token is not a token of sender '{alert.Sender}'");
            }

            method ??= "token";
        }

        if (method is null && from.BoundSender is { Length: > 0 } bound)
        {
            if (!string.Equals(bound, alert.Sender, StringComparison.Ordinal))
            {
                return CapAuthentication.Refused($"this folder accepts unsigned alerts from '{bound}' only, not from '{alert.Sender}'");
            }

            method = "folder";
        }

        return method is null
            ? CapAuthentication.Refused(registered is null
                ? $"sender '{alert.Sender}' is not registered (tanky-hub cap senders add) and the alert carries no credential"
                : $"sender '{alert.Sender}' must sign the alert or send its X-Cap-Token")
            : new CapAuthentication(alert.Sender, method, null);
    }
}

/// <summary>The authenticated sender and how (<c>signature</c>, <c>token</c>, <c>folder</c>), or why the message was refused.</summary>
internal sealed record CapAuthentication(string? Sender, string? Method, string? Refusal)
{
    public static CapAuthentication Refused(string reason) => new(null, null, reason);
}
