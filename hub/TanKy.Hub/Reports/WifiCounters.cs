namespace TanKy.Hub.Reports;

/// <summary>
/// The last telemetry sample of an access point. <c>rx_bytes</c>/<c>tx_bytes</c> count since the
/// AP booted: a value below the previous one means it rebooted, and the new value is all new traffic.
/// </summary>
internal sealed record WifiCounters(long Ts, double Clients, double Rx, double Tx)
{
    public static long Delta(double previous, double current) =>
        (long)(current >= previous ? current - previous : current);

    /// <summary>New client sessions: how much the connected-client count rose since the last sample.</summary>
    public static long NewSessions(double previous, double current) => (long)Math.Max(0, current - previous);
}
