namespace TanKy.Hub.Devices.Control.Bulk;

/// <summary>What happened on one device of a bulk action.</summary>
/// <param name="Status">
/// <c>applied</c> (reported the new version), <c>ok</c> (command succeeded), <c>offline</c>
/// (desired stored, applies on reconnect; or command not sent), <c>not-confirmed</c> (online but
/// no report in time), <c>rejected</c> (device reported errors), <c>error</c>/<c>timeout</c>/<c>expired</c> (command).
/// </param>
public sealed record DeviceOutcome(string DeviceId, string Status, string? Detail = null, long? Version = null, string? CommandId = null)
{
    public bool Succeeded => Status is "applied" or "ok";
}
