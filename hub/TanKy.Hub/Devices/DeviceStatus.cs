namespace TanKy.Hub.Devices;

/// <summary>Status values stored in the registry and the status history.</summary>
public static class DeviceStatus
{
    public const string Online = "online";
    public const string Offline = "offline";
    public const string Unknown = "unknown";
}
