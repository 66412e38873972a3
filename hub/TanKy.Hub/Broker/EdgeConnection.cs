using System.Net;
using System.Net.Sockets;

namespace TanKy.Hub.Broker;

/// <summary>
/// One accepted TCP connection at the broker's edge: its framing guard, its place among the
/// connections still waiting for CONNECT to be accepted, and the deadline for that.
/// </summary>
internal sealed class EdgeConnection : IDisposable
{
    private readonly Socket _socket;
    private ITimer? _deadline;
    private int _closed;

    public EdgeConnection(Socket socket, MqttFrameGuard guard)
    {
        _socket = socket;
        Guard = guard;
        RemoteEndPoint = socket.RemoteEndPoint;
        LocalEndPoint = socket.LocalEndPoint;
    }

    public Socket Socket => _socket;

    public MqttFrameGuard Guard { get; }

    public EndPoint? RemoteEndPoint { get; }

    public EndPoint? LocalEndPoint { get; }

    /// <summary>Node in <see cref="PendingConnections"/> while CONNECT has not been accepted.</summary>
    internal LinkedListNode<EdgeConnection>? PendingNode { get; set; }

    /// <summary>Why the edge closed this connection, if it did.</summary>
    public string? ClosedBecause { get; private set; }

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>Closes the connection when <paramref name="timeout"/> passes before <see cref="Disarm"/>.</summary>
    public void Arm(TimeProvider time, TimeSpan timeout, Action<EdgeConnection> onExpired) =>
        _deadline = time.CreateTimer(_ => onExpired(this), null, timeout, Timeout.InfiniteTimeSpan);

    public void Disarm() => _deadline?.Dispose();

    /// <summary>
    /// Closes the socket at once with a reset (linger 0): no FIN_WAIT, no TIME_WAIT, the
    /// descriptor and the kernel's buffers are freed now. A read MQTTnet has pending ends.
    /// </summary>
    public bool Abort(string reason)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return false;
        }

        ClosedBecause = reason;
        Disarm();
        try
        {
            _socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }

        _socket.Dispose();
        return true;
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _closed, 1);
        Disarm();
        _socket.Dispose();
    }
}
