namespace TanKy.Hub.Broadcasts;

/// <summary>
/// The port through which the broadcasts API reports starts, stops and refusals of priority and
/// emergency broadcasts. Broadcasts sits below Emergency, so it owns this interface and Emergency
/// implements it on its audit trail; with no implementation registered nothing is written.
/// </summary>
public interface IBroadcastAudit
{
    /// <summary>Writes one row and returns its id (carried in the answer, e.g. a 403's <c>audit</c>).</summary>
    long Record(BroadcastAuditEntry entry);

    /// <summary>The outcome of an allowed start: the broadcast id, or why it failed.</summary>
    void Completed(long auditId, string? broadcastId, string? failure);
}
