using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Channel;
using MQTTnet.Exceptions;

namespace TanKy.Hub.Broker;

/// <summary>
/// MQTTnet's view of one client connection (plain or TLS stream): every read goes through the
/// connection's <see cref="MqttFrameGuard"/> before MQTTnet sees the bytes, so a refused packet
/// header ends the connection (a read of 0: closed) before MQTTnet allocates the packet's body.
/// </summary>
internal sealed class EdgeChannel(Stream stream, EdgeConnection connection, bool isSecure, X509Certificate2? clientCertificate, Action<EdgeConnection> refused) : IMqttChannel
{
    public X509Certificate2 ClientCertificate => clientCertificate!;

    public EndPoint RemoteEndPoint => connection.RemoteEndPoint!;

    public EndPoint LocalEndPoint => connection.LocalEndPoint!;

    public bool IsSecureConnection => isSecure;

    public Task ConnectAsync(CancellationToken cancellationToken) => throw new NotSupportedException("a server-side channel is already connected");

    public Task DisconnectAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        if (connection.IsClosed)
        {
            return 0;
        }

        int read;
        try
        {
            read = await stream.ReadAsync(buffer.AsMemory(offset, count), cancellationToken);
        }
        catch (Exception e) when (connection.IsClosed || e is ObjectDisposedException)
        {
            // Closed by the edge (deadline, eviction) or by MQTTnet: a graceful end for MQTTnet.
            return 0;
        }
        catch (IOException e) when (e.InnerException is SocketException socket)
        {
            // As MQTTnet's own TCP channel does: its adapter knows socket errors.
            ExceptionDispatchInfo.Capture(socket).Throw();
            throw;
        }

        if (read > 0 && !connection.Guard.Inspect(buffer.AsSpan(offset, read)))
        {
            refused(connection);
            return 0;
        }

        return read;
    }

    public async Task WriteAsync(ReadOnlySequence<byte> buffer, bool isEndOfPacket, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var segment in buffer)
            {
                await stream.WriteAsync(segment, cancellationToken);
            }
        }
        catch (ObjectDisposedException)
        {
            throw new MqttCommunicationException("The TCP connection is closed.");
        }
        catch (IOException e) when (e.InnerException is SocketException socket)
        {
            ExceptionDispatchInfo.Capture(socket).Throw();
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            stream.Dispose();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
        }

        connection.Dispose();
    }
}
