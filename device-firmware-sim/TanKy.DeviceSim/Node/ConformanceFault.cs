namespace TanKy.DeviceSim.Node;

/// <summary>
/// One protocol violation a node commits on purpose, so tests can show that
/// <c>tanky-hub conformance</c> catches it and names the clause (hub/docs/conformance.md).
/// </summary>
public enum ConformanceFault
{
    None,

    /// <summary>Publishes no birth after its first connection (so the hub still saw it online once): §4.2.</summary>
    NoBirth,

    /// <summary>Takes desired states in and never applies or reports them: §4.4.</summary>
    IgnoresDesired,

    /// <summary>Applies desired states but reports the version before the one it applied: §4.4.</summary>
    WrongVersionEcho,

    /// <summary>Speakers: every stream starts 50 ms after its play-out time (and reports so): §4.6, §8.2.5.</summary>
    StartsLate,

    /// <summary>Runs no command and sends no reply: §4.5.</summary>
    NoCommandReply,

    /// <summary>Speakers: keeps and reports <c>ready</c> a cached clip whatever its SHA-256: §4.11.</summary>
    AcceptsWrongChecksum,
}
