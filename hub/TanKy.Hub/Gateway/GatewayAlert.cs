namespace TanKy.Hub.Gateway;

/// <summary>
/// A threshold crossed by a cabinet sensor, stored in <c>gateway_alerts</c> and logged. Kept
/// in its own table: the commune-wide alerts table is another feature's; it can import these.
/// </summary>
internal sealed record GatewayAlert(long Id, string Metric, string Direction, double Value, double Threshold, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt, string Message)
{
    public bool IsOpen => ClosedAt is null;
}
