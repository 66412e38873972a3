namespace TanKy.Hub.Emergency.Cap;

/// <summary>
/// Where a CAP message came from: <c>http</c> or <c>folder</c>, who sent it, from which address or
/// path, the sender's role for the audit (a user's role; <see cref="TriggerAudit.SystemRole"/> for
/// the folder), and the sender credential that came with it: the <c>X-Cap-Token</c> header
/// (<paramref name="SenderToken"/>), or the sender the watched folder is bound to
/// (<paramref name="BoundSender"/>, <c>Alerts:Cap:FolderSender</c>). A signature travels inside the XML.
/// </summary>
internal sealed record CapSubmission(string Source, string SubmittedBy, string? Remote, string Role = TriggerAudit.SystemRole, string? SenderToken = null, string? BoundSender = null)
{
    /// <summary>How the sender was authenticated (signature, token, folder); set by the intake.</summary>
    public string? AuthenticatedBy { get; init; }

    /// <summary>Never print the token (records print every property).</summary>
    public override string ToString() => $"{Source} {SubmittedBy} {Remote}";
}
