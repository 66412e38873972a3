
namespace TanKy.Hub.Broker;

/// <summary>Checks a device's MQTT credentials against the registry.</summary>
public interface IDeviceAuthenticator
{
    /// <summary>The device's access when <paramref name="secret"/> matches its stored hash; otherwise null.</summary>
    DeviceAccess? Authenticate(string deviceId, string secret);

    /// <summary>
    /// Every registered device's current <see cref="DeviceAccess.CredentialStamp"/>, so the broker
    /// can drop live sessions whose secret was rotated or whose device was removed; null when
    /// the store cannot tell.
    /// </summary>
    IReadOnlyDictionary<string, string>? CredentialStamps() => null;
}
