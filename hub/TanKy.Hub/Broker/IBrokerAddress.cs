using System.Net;

namespace TanKy.Hub.Broker;

/// <summary>
/// Where the embedded broker listens, as bound. <c>Broker:Port</c> and <c>Broker:Tls:Port</c> may
/// be 0 (tests, benchmarks): the OS then picks a free port and only the bound listener knows which,
/// so whatever tells a client where to connect asks here, never <see cref="BrokerOptions"/>.
/// Registered in Embedded mode only: in External mode the hub listens for no MQTT.
/// </summary>
public interface IBrokerAddress
{
    /// <summary>Completes once the broker listens.</summary>
    Task<BrokerListeners> WaitListeningAsync(CancellationToken cancellationToken);
}

/// <summary>The embedded broker's bound listeners: the plain one and, when enabled, the TLS one.</summary>
public sealed record BrokerListeners(IPEndPoint Plain, IPEndPoint? Tls);
