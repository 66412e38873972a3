using System.Collections.Concurrent;
using TanKy.Protocol;
using TanKy.Hub.Broker;

namespace TanKy.Hub.Tests.Broker;

/// <summary>In-memory device registry: id → secret and zones.</summary>
internal sealed class FakeDeviceAuthenticator : IDeviceAuthenticator
{
    private readonly ConcurrentDictionary<string, (string Secret, string[] Zones)> _devices = new();

    public FakeDeviceAuthenticator Add(string id, string secret, params string[] zones)
    {
        _devices[id] = (secret, zones);
        return this;
    }

    public DeviceAccess? Authenticate(string deviceId, string secret) =>
        _devices.TryGetValue(deviceId, out var d) && d.Secret == secret
            ? new DeviceAccess(deviceId, DeviceKind.Speaker, d.Zones) { CredentialStamp = "stamp:" + d.Secret }
            : null;

    public FakeDeviceAuthenticator Remove(string id)
    {
        _devices.TryRemove(id, out _);
        return this;
    }

    public IReadOnlyList<string>? ZonesOf(string deviceId) => _devices.TryGetValue(deviceId, out var d) ? d.Zones : null;

    public IReadOnlyDictionary<string, string> CredentialStamps() => _devices.ToDictionary(d => d.Key, d => "stamp:" + d.Value.Secret);
}
