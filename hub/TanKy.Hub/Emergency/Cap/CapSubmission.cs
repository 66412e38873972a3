namespace TanKy.Hub.Emergency.Cap;

/// <summary>
/// Where a CAP message came from: <c>http</c> or <c>folder</c>, who sent it, from which address or
/// path, and the sender's role for the audit (a user's role; <see cref="TriggerAudit.SystemRole"/> for the folder).
/// </summary>
internal sealed record CapSubmission(string Source, string SubmittedBy, string? Remote, string Role = TriggerAudit.SystemRole);
