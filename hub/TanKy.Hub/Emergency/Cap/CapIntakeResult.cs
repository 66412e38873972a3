namespace TanKy.Hub.Emergency.Cap;

/// <summary>
/// The outcome of one submitted message: refused as malformed (<see cref="Errors"/>), decided
/// (<see cref="Decision"/>, with what was started or stopped), failed while acting (<see cref="Failure"/>, a
/// stored text message: the exception itself is only in the log),
/// or refused because its sender was not authenticated (<see cref="Refusal"/>).
/// </summary>
internal sealed record CapIntakeResult(
    IReadOnlyList<string> Errors,
    CapDecision? Decision,
    string? BroadcastId,
    IReadOnlyList<string> CancelledBroadcasts,
    string? Failure,
    string? Refusal = null,
    long? RefusalAuditId = null)
{
    public bool Malformed => Errors.Count > 0;

    public static CapIntakeResult Rejected(IReadOnlyList<string> errors) => new(errors, null, null, [], null);

    public static CapIntakeResult Refused(string reason, long auditId) => new([], null, null, [], null, reason, auditId);
}
