using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using MQTTnet.Server;

namespace TanKy.Hub.Broker;

/// <summary>
/// The embedded broker's TCP listeners (plain and TLS), in place of MQTTnet's MqttTcpServerAdapter:
/// MQTTnet 5.2 has no option to count connections before CONNECT, to bound what they send, or to
/// check a packet's size before it allocates the body, and its adapter builds the channel itself,
/// so there is nothing to wrap. This accept loop hands MQTTnet the same MqttChannelAdapter over an
/// <see cref="EdgeChannel"/> that enforces, per connection:
/// <list type="bullet">
/// <item>at most <see cref="BrokerOptions.MaxPendingConnections"/> connections not yet accepted (oldest evicted);</item>
/// <item><see cref="BrokerOptions.ConnectTimeout"/> from accept to an accepted CONNECT, TLS handshake included;</item>
/// <item><see cref="BrokerOptions.MaxBytesBeforeConnect"/> before that, and a CONNECT first;</item>
/// <item><see cref="BrokerOptions.MaxPacketSize"/> on every packet after it, from the fixed header.</item>
/// </list>
/// </summary>
internal sealed class EdgeTcpServerAdapter : IMqttServerAdapter
{
    private readonly BrokerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly LogThrottle _throttle;
    private readonly Action _oversize;
    private readonly PendingConnections _pending;
    private readonly ConcurrentDictionary<EndPoint, EdgeConnection> _byRemote = new();
    private readonly List<Socket> _listeners = [];
    private CancellationTokenSource? _stopping;
    private MqttServerOptions? _serverOptions;
    private IMqttNetLogger? _mqttLogger;
    private long _evicted;
    private long _timedOut;
    private long _refusedBeforeConnect;
    private long _refusedOversize;

    /// <param name="oversize">Called for each packet refused over MaxPacketSize after login (the broker counts it in /metrics).</param>
    public EdgeTcpServerAdapter(BrokerOptions options, TimeProvider time, ILogger logger, LogThrottle throttle, Action oversize)
    {
        _oversize = oversize;
        _options = options;
        _time = time;
        _logger = logger;
        _throttle = throttle;
        _pending = new PendingConnections(options.MaxPendingConnections);
    }

    public Func<IMqttChannelAdapter, Task> ClientHandler { get; set; } = _ => Task.CompletedTask;

    /// <summary>Connections accepted whose CONNECT has not been accepted yet.</summary>
    public int Pending => _pending.Count;

    /// <summary>Pending connections closed to make room for newer ones.</summary>
    public long Evicted => Interlocked.Read(ref _evicted);

    /// <summary>Connections closed for not getting a CONNECT accepted within <see cref="BrokerOptions.ConnectTimeout"/>.</summary>
    public long TimedOut => Interlocked.Read(ref _timedOut);

    /// <summary>Connections closed for what they sent before CONNECT was accepted (too much, or not a CONNECT).</summary>
    public long RefusedBeforeConnect => Interlocked.Read(ref _refusedBeforeConnect);

    /// <summary>Logged-in clients closed for announcing a packet over <see cref="BrokerOptions.MaxPacketSize"/>.</summary>
    public long RefusedOversize => Interlocked.Read(ref _refusedOversize);

    public Task StartAsync(MqttServerOptions options, IMqttNetLogger logger)
    {
        if (_stopping is not null)
        {
            throw new InvalidOperationException("the MQTT listeners are already started");
        }

        _serverOptions = options;
        _mqttLogger = logger;
        _stopping = new CancellationTokenSource();
        if (options.DefaultEndpointOptions.IsEnabled)
        {
            Listen(options.DefaultEndpointOptions, tls: null);
        }

        if (options.TlsEndpointOptions is { IsEnabled: true } tls)
        {
            if (tls.CertificateProvider is null)
            {
                throw new InvalidOperationException("the TLS listener has no certificate");
            }

            Listen(tls, tls);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync()
    {
        Cleanup();
        return Task.CompletedTask;
    }

    public void Dispose() => Cleanup();

    /// <summary>
    /// The broker accepted the CONNECT of the client at <paramref name="remote"/>: it stops counting
    /// as pending, its deadline is off, and from now on the packet size limit applies to it.
    /// </summary>
    public void ConnectAccepted(EndPoint? remote)
    {
        if (remote is not null && _byRemote.TryGetValue(remote, out var connection))
        {
            connection.Guard.ConnectAccepted();
            connection.Disarm();
            _pending.Settle(connection);
        }
    }

    private void Listen(MqttServerTcpEndpointBaseOptions endpoint, MqttServerTlsTcpEndpointOptions? tls)
    {
        foreach (var address in new[] { endpoint.BoundInterNetworkAddress, endpoint.BoundInterNetworkV6Address })
        {
            if (address is null || address.Equals(IPAddress.None))
            {
                continue;
            }

            var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                if (endpoint.ReuseAddress)
                {
                    listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                }

                listener.Bind(new IPEndPoint(address, endpoint.Port));

                // Port 0: tell the rest of the broker the port the OS chose, as MQTTnet's listener does.
                endpoint.Port = ((IPEndPoint)listener.LocalEndPoint!).Port;
                listener.Listen(endpoint.ConnectionBacklog);
            }
            catch
            {
                listener.Dispose();
                throw;
            }

            _listeners.Add(listener);
            _ = Task.Run(() => AcceptLoopAsync(listener, endpoint, tls, _stopping!.Token));
        }
    }

    private async Task AcceptLoopAsync(Socket listener, MqttServerTcpEndpointBaseOptions endpoint, MqttServerTlsTcpEndpointOptions? tls, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stopping);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                // Out of descriptors (EMFILE) or a connection reset while queued: keep accepting.
                if (_throttle.ShouldLog("edge:accept", out var suppressed))
                {
                    _logger.LogWarning("MQTT accept failed on {Endpoint}: {Error} ({Suppressed} similar not logged)", listener.LocalEndPoint, e.SocketErrorCode, suppressed);
                }

                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100), _time, stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            Admit(client, endpoint, tls);
        }
    }

    private void Admit(Socket client, MqttServerTcpEndpointBaseOptions endpoint, MqttServerTlsTcpEndpointOptions? tls)
    {
        EdgeConnection connection;
        try
        {
            client.NoDelay = endpoint.NoDelay;
            connection = new EdgeConnection(client, new MqttFrameGuard(_options.MaxPacketSize, _options.MaxBytesBeforeConnect));
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Reset before we looked at it.
            client.Dispose();
            return;
        }

        if (_pending.Admit(connection) is { } oldest)
        {
            Interlocked.Increment(ref _evicted);
            Close(oldest, "evict", $"{_options.MaxPendingConnections} connections already waiting for CONNECT; this one waited longest");
        }

        connection.Arm(_time, _options.ConnectTimeout, OnDeadline);
        _ = Task.Run(() => ServeAsync(connection, endpoint, tls));
    }

    private void OnDeadline(EdgeConnection connection)
    {
        if (connection.Guard.IsConnectAccepted)
        {
            return;
        }

        _pending.Settle(connection);
        if (!connection.IsClosed)
        {
            Interlocked.Increment(ref _timedOut);
            Close(connection, "timeout", $"no CONNECT accepted within {_options.ConnectTimeout.TotalSeconds:0.#} s");
        }
    }

    private void OnRefused(EdgeConnection connection)
    {
        var oversize = connection.Guard.RefusedOversize;
        if (oversize)
        {
            Interlocked.Increment(ref _refusedOversize);
            _oversize();
        }
        else
        {
            Interlocked.Increment(ref _refusedBeforeConnect);
        }

        _pending.Settle(connection);
        Close(connection, oversize ? "oversize" : "before-connect", connection.Guard.Refusal ?? "refused");
    }

    private void Close(EdgeConnection connection, string kind, string reason)
    {
        if (connection.IsClosed)
        {
            return;
        }

        // Logged before the reset: whoever sees the connection end finds the reason already written.
        if (_throttle.ShouldLog($"edge:{kind}", out var suppressed))
        {
            _logger.LogWarning("Closed MQTT connection from {RemoteEndPoint}: {Reason} ({Suppressed} similar not logged)", connection.RemoteEndPoint, reason, suppressed);
        }

        connection.Abort(reason);
    }

    private async Task ServeAsync(EdgeConnection connection, MqttServerTcpEndpointBaseOptions endpoint, MqttServerTlsTcpEndpointOptions? tls)
    {
        var remote = connection.RemoteEndPoint;
        Stream stream = new NetworkStream(connection.Socket, ownsSocket: true);
        try
        {
            X509Certificate2? clientCertificate = null;
            if (tls is not null)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false, tls.RemoteCertificateValidationCallback);
                stream = ssl;

                // The handshake runs under the connection's deadline: closing the socket ends it.
                await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificate = tls.CertificateProvider.GetCertificate(),
                    ClientCertificateRequired = tls.ClientCertificateRequired,
                    EnabledSslProtocols = tls.SslProtocol,
                    CertificateRevocationCheckMode = tls.CheckCertificateRevocation ? X509RevocationMode.Online : X509RevocationMode.NoCheck,
                    EncryptionPolicy = EncryptionPolicy.RequireEncryption,
                    CipherSuitesPolicy = tls.CipherSuitesPolicy,
                });
                clientCertificate = ssl.RemoteCertificate switch
                {
                    null => null,
                    X509Certificate2 c => c,
                    var c => X509CertificateLoader.LoadCertificate(c.Export(X509ContentType.Cert)),
                };
            }

            if (remote is not null)
            {
                _byRemote[remote] = connection;
            }

            var channel = new EdgeChannel(stream, connection, tls is not null, clientCertificate, OnRefused);
            var formatter = new MqttPacketFormatterAdapter(new MqttBufferWriter(_serverOptions!.WriterBufferSize, _serverOptions.WriterBufferSizeMax));
            using var adapter = new MqttChannelAdapter(channel, formatter, _mqttLogger!) { AllowPacketFragmentation = endpoint.AllowPacketFragmentation };
            await ClientHandler(adapter);
        }
        catch (Exception e) when (connection.IsClosed || e is IOException or SocketException or AuthenticationException or ObjectDisposedException or OperationCanceledException)
        {
            _logger.LogDebug("MQTT connection from {RemoteEndPoint} ended: {Error}", remote, e.Message);
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "MQTT connection from {RemoteEndPoint} failed", remote);
        }
        finally
        {
            if (remote is not null)
            {
                _byRemote.TryRemove(new KeyValuePair<EndPoint, EdgeConnection>(remote, connection));
            }

            _pending.Settle(connection);
            connection.Dispose();
            try
            {
                await stream.DisposeAsync();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
            {
            }
        }
    }

    private void Cleanup()
    {
        if (_stopping is { } stopping)
        {
            stopping.Cancel();
            stopping.Dispose();
            _stopping = null;
        }

        foreach (var listener in _listeners)
        {
            listener.Dispose();
        }

        _listeners.Clear();
        foreach (var connection in _pending.TakeAll())
        {
            connection.Abort("broker stopping");
        }
    }
}
