namespace TanKy.DeviceSim.Node;

/// <summary>Where a node is in its life.</summary>
public enum NodeStatus
{
    /// <summary>Not started, or stopped cleanly (offline published, disconnected).</summary>
    Stopped,

    /// <summary>Trying to connect, or waiting out a backoff delay.</summary>
    Connecting,

    /// <summary>Connected, subscribed, birth published.</summary>
    Online,

    /// <summary>Offline published and disconnected on purpose; comes back with a new boot id.</summary>
    Rebooting,

    /// <summary>Died abruptly (power cut): no offline, no DISCONNECT; the broker published its will.</summary>
    Killed,
}
