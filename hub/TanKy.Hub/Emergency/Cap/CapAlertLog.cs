namespace TanKy.Hub.Emergency.Cap;

/// <summary>The CAP alerts the hub has seen, newest first, for the console's CAP list (read only).</summary>
public sealed class CapAlertLog
{
    private readonly CapAlertStore _store;

    internal CapAlertLog(CapAlertStore store) => _store = store;

    public IReadOnlyList<CapAlertRecord> Recent(int limit) => _store.Recent(limit);
}
