namespace TanKy.Hub.Broker;

/// <summary>The broker the hub connection talks to: the embedded one, or an external one.</summary>
internal interface IBrokerEndpoint
{
    /// <summary>Completes when the broker accepts connections (at once for an external broker).</summary>
    Task WaitReadyAsync(CancellationToken cancellationToken);

    /// <summary>Read before every connection attempt, so re-exported credentials apply without a restart.</summary>
    BrokerConnectionSettings Resolve();
}
