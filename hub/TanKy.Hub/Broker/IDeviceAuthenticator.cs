
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

    /// <summary>
    /// The device's zones now, or null when the store cannot tell. A speaker's zones can change
    /// while it is connected (its desired <c>zones</c>); the broker asks again before refusing
    /// a <c>zone/{z}/play</c> subscription its connect-time zones do not cover.
    /// </summary>
    IReadOnlyList<string>? ZonesOf(string deviceId) => null;
}
