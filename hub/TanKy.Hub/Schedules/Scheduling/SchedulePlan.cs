namespace TanKy.Hub.Schedules.Scheduling;

/// <summary>
/// The occurrences the current programme wants, by key and fingerprint, over the window the
/// scheduler last planned. A persisted trigger that the current programme no longer wants (a
/// reload removed or changed it while it was due) is stale and does not play; one older than
/// the window — the hub was down for longer — is left to its own misfire policy.
/// </summary>
internal sealed class SchedulePlan
{
    private volatile Snapshot? _snapshot;

    private sealed record Snapshot(IReadOnlyDictionary<string, string> Wanted, DateTimeOffset From, DateTimeOffset To);

    internal void Replace(IReadOnlyDictionary<string, string> wanted, DateTimeOffset from, DateTimeOffset to) => _snapshot = new Snapshot(wanted, from, to);

    internal bool IsCurrent(OccurrenceTicket ticket)
    {
        var s = _snapshot;
        if (s is null || ticket.Start < s.From || ticket.Start >= s.To)
        {
            return true;
        }

        return s.Wanted.TryGetValue(ticket.Group + "/" + ticket.Key, out var fingerprint) && fingerprint == ticket.Fingerprint;
    }
}
