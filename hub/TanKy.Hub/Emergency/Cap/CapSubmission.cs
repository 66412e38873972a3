namespace TanKy.Hub.Emergency.Cap;

/// <summary>Where a CAP message came from: <c>http</c> or <c>folder</c>, who sent it, and from which address or path.</summary>
internal sealed record CapSubmission(string Source, string SubmittedBy, string? Remote);
