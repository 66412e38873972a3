namespace TanKy.Hub.Devices;

/// <summary>
/// Whether a device is online now, and when the hub last heard from it. Device control and the
/// device API need the answers and availability keeps them: availability implements this port,
/// so devices do not depend on availability.
/// </summary>
public interface IDevicePresence
{
    bool IsOnline(string deviceId);

    /// <summary>
    /// When the last message of any kind (birth, telemetry, reported, reply, event, time request)
    /// arrived from the device in this hub run, or null. Newer than the registry's <c>last_seen</c>,
    /// which is written at births and with each telemetry batch, not per message.
    /// </summary>
    DateTimeOffset? LastSeen(string deviceId);
}
