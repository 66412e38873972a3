namespace TanKy.Hub.Devices.Control.Commands;

/// <summary>Where a command is in its life. Wire names are stored in <c>device_commands.status</c>.</summary>
public static class CommandStatus
{
    public const string Pending = "pending";
    public const string Ok = "ok";
    public const string Error = "error";

    /// <summary>No reply by <c>expires</c> + grace: the device was offline, too slow, or the reply was lost.</summary>
    public const string Timeout = "timeout";

    /// <summary>The device answered that the command arrived after <c>expires</c> (its clock decided).</summary>
    public const string Expired = "expired";
}
