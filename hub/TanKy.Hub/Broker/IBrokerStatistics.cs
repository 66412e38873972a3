namespace TanKy.Hub.Broker;

/// <summary>What the embedded broker can tell the metrics endpoint (External mode has none).</summary>
public interface IBrokerStatistics
{
    int ConnectedClients { get; }
}
