using System.Net;
using System.Net.Sockets;
using MQTTnet.Channel;

namespace TanKy.DeviceSim.Faults;

/// <summary>
/// Opens the node's TCP socket itself (MQTTnet 5's <see cref="IMqttClientStreamProvider"/> hook)
/// and keeps a handle on it, so the link can die for real: <see cref="Sever"/> resets the socket
/// with SO_LINGER 0 (a TCP RST), without any MQTT DISCONNECT. The broker sees a lost client and
/// publishes its will, exactly as when a device loses power or its 4G link. No proxy is involved,
/// so this costs nothing when no fault is used. TLS is still layered on top by MQTTnet.
/// </summary>
internal sealed class SeverableStreamProvider : IMqttClientStreamProvider
{
    private readonly Lock _gate = new();
    private Socket? _current;

    public async Task<Stream> ConnectAsync(EndPoint brokerEndPoint, CancellationToken cancellationToken)
    {
        // A dual-mode socket reaches both IPv4 and IPv6 addresses and resolves DnsEndPoints.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(brokerEndPoint, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        lock (_gate)
        {
            _current = socket;
        }

        return new NetworkStream(socket, ownsSocket: true);
    }

    /// <summary>Kills the current connection abruptly. Returns false when there was none.</summary>
    public bool Sever()
    {
        Socket? socket;
        lock (_gate)
        {
            socket = _current;
            _current = null;
        }

        if (socket is null)
        {
            return false;
        }

        try
        {
            // Linger on with 0 s turns Close into a reset: nothing queued is sent, no FIN handshake.
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
        catch (SocketException)
        {
            // Already broken: closing is all that is left to do.
        }

        socket.Close();
        return true;
    }
}
