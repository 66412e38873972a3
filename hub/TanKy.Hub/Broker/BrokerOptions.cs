namespace TanKy.Hub.Broker;

/// <summary>Broker settings (section <c>Broker</c>).</summary>
public sealed class BrokerOptions
{
    public const string Section = "Broker";

    public BrokerMode Mode { get; set; } = BrokerMode.Embedded;

    /// <summary>Address of the plain MQTT listener. Loopback by default: exposing the broker to the LAN is a decision.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 1883;

    /// <summary>
    /// Largest MQTT packet accepted from a client, in bytes, header included (advertised in CONNACK).
    /// Enforced on every packet type from the fixed header, before the body is read (EdgeTcpServerAdapter).
    /// </summary>
    public int MaxPacketSize { get; set; } = 65536;

    /// <summary>
    /// Most TCP connections that have not yet had their CONNECT accepted (TLS handshakes included).
    /// Counted at accept; when full, the oldest such connection is closed to make room, so idle
    /// sockets cannot use up the file descriptors (LimitNOFILE=16384) nor keep a device out.
    /// </summary>
    public int MaxPendingConnections { get; set; } = 2000;

    /// <summary>Time a connection has, from accept, to get its CONNECT accepted (TLS handshake included).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Bytes a client may send before its CONNECT is accepted: the CONNECT packet itself (client id,
    /// user name, secret, will) must fit. A larger or non-CONNECT first packet closes the connection unread.
    /// </summary>
    public int MaxBytesBeforeConnect { get; set; } = 8192;

    /// <summary>Most simultaneous client connections; the hub's own connection does not count.</summary>
    public int MaxConnections { get; set; } = 5000;

    public BrokerTlsOptions Tls { get; set; } = new();

    /// <summary>
    /// Embedded mode: answer clock-sync requests inside the broker (BrokerTimeAnswerer) instead of
    /// through the hub's own MQTT connection. Off only to measure the difference.
    /// </summary>
    public bool AnswerTimeRequests { get; set; } = true;

    /// <summary>
    /// How often live device sessions are checked against the registry: a session whose secret
    /// was rotated (or whose device was removed) since it connected is dropped. The CLI writes the
    /// registry from another process, hence a poll; one cheap query per period.
    /// </summary>
    public TimeSpan CredentialCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    public BrokerToolsOptions Tools { get; set; } = new();

    /// <summary>Per-device message rate limit (section <c>Broker:RateLimit</c>).</summary>
    public DeviceRateLimitOptions RateLimit { get; set; } = new();

    public ExternalBrokerOptions External { get; set; } = new();
}
