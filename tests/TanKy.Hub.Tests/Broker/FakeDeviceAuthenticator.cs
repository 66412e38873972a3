using System.Collections.Concurrent;
using TanKy.Hub.Devices;
using TanKy.Protocol;

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
            ? new DeviceAccess(deviceId, DeviceKind.Speaker, d.Zones)
            : null;
}
