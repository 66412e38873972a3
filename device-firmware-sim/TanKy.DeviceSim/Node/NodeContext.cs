using System.Security.Cryptography;
using TanKy.DeviceSim.Commands;
using TanKy.Protocol;

namespace TanKy.DeviceSim.Node;

/// <summary>
/// What every part of one node shares: its options and topics, the boot it is in, its status
/// and last error, its lifetime, and the one activity stream all parts report to.
/// </summary>
internal sealed class NodeContext : IDisposable
{
    private readonly object _sender;
    private string _bootId = NewBootId();
    private volatile NodeStatus _status = NodeStatus.Stopped;
    private bool _birthSent;

    /// <param name="sender">The node as observers know it: the sender of every activity.</param>
    public NodeContext(NodeOptions options, object sender)
    {
        Options = options;
        Topics = new Topics(options.Site);
        _sender = sender;
    }

    public NodeOptions Options { get; }

    public Topics Topics { get; }

    public string DeviceId => Options.DeviceId;

    /// <summary>Random 16 hex digits chosen at each simulated boot.</summary>
    public string BootId => Volatile.Read(ref _bootId);

    public DateTimeOffset BootedAt { get; private set; }

    public NodeStatus Status
    {
        get => _status;
        set => _status = value;
    }

    /// <summary>
    /// True once this connection's birth is out. The birth comes before every other message of a
    /// connection (protocol.md §2.3): a retained desired state that arrives before it (before the
    /// SUBACK, on the embedded broker) is applied, and its reported waits for the birth.
    /// </summary>
    public bool BirthSent
    {
        get => Volatile.Read(ref _birthSent);
        set => Volatile.Write(ref _birthSent, value);
    }

    /// <summary>Last error worth a look (refused connect, failed handler…), for diagnostics.</summary>
    public string? LastError { get; set; }

    /// <summary>
    /// Until the node is disposed. Parts read <c>Lifetime.Token</c> when they need it, not once:
    /// after disposal it throws, and they rely on that to stop reporting.
    /// </summary>
    public CancellationTokenSource Lifetime { get; } = new();

    public event EventHandler<NodeActivity>? Activity;

    public void NewBoot()
    {
        Volatile.Write(ref _bootId, NewBootId());
        BootedAt = Options.Time.GetUtcNow();
    }

    public long NowMs() => Options.Time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>
    /// Tells every observer. Callers change the state an activity reports before raising it, so an
    /// observer that subscribes and then checks the state cannot miss it either way.
    /// </summary>
    public void Raise(NodeActivityKind kind, long? version = null, long? seq = null, CommandOutcome? command = null, string? detail = null)
    {
        if (Activity is not { } handlers)
        {
            return;
        }

        var activity = new NodeActivity(kind, DeviceId, BootId, version, seq, command, detail);
        // One at a time: an observer's bug must neither break the simulated firmware nor keep the others from hearing.
        foreach (var handler in Delegate.EnumerateInvocationList(handlers))
        {
            try
            {
                handler(_sender, activity);
            }
            catch (Exception ex)
            {
                LastError = $"activity handler: {ex.Message}";
            }
        }
    }

    public void Dispose() => Lifetime.Dispose();

    private static string NewBootId() => RandomNumberGenerator.GetHexString(16, lowercase: true);
}
