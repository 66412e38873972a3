namespace TanKy.Hub.Emergency.Cap;

/// <summary>
/// The outcome of one submitted message: refused as malformed (<see cref="Errors"/>), decided
/// (<see cref="Decision"/>, with what was started or stopped), or failed while acting (<see cref="Failure"/>).
/// </summary>
internal sealed record CapIntakeResult(
    IReadOnlyList<string> Errors,
    CapDecision? Decision,
    string? BroadcastId,
    IReadOnlyList<string> CancelledBroadcasts,
    string? Failure)
{
    public bool Malformed => Errors.Count > 0;

    public static CapIntakeResult Rejected(IReadOnlyList<string> errors) => new(errors, null, null, [], null);
}
