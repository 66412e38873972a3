namespace TanKy.Hub.Devices;

/// <summary>
/// Whether a device is online now. Device control needs the answer and availability keeps it:
/// availability implements this port, so devices do not depend on availability.
/// </summary>
public interface IDevicePresence
{
    bool IsOnline(string deviceId);
}
