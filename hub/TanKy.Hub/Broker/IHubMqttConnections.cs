namespace TanKy.Hub.Broker;

/// <summary>
/// The hub connection's (re)connects, for features that must act on each one: retained state
/// the broker may have lost is republished after every connect.
/// </summary>
public interface IHubMqttConnections
{
    /// <summary>How many times the connection has come up.</summary>
    long Generation { get; }

    /// <summary>Completes when the connection comes up after <paramref name="generation"/>.</summary>
    Task WaitNextConnectionAsync(long generation, CancellationToken cancellationToken);
}
