namespace TanKy.Hub.Devices;

/// <summary>Checks a device's MQTT credentials against the registry.</summary>
public interface IDeviceAuthenticator
{
    /// <summary>The device's access when <paramref name="secret"/> matches its stored hash; otherwise null.</summary>
    DeviceAccess? Authenticate(string deviceId, string secret);
}
