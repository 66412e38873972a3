using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TanKy.Hub.Tests.Broker;

/// <summary>
/// MQTT 3.1.1 packets written by hand over a plain socket: what a hostile client sends (a header
/// announcing more than it will ever be allowed), which a real MQTT client library refuses to build.
/// </summary>
internal static class RawMqtt
{
    public static byte[] Connect(string clientId, string user, string password)
    {
        var body = new List<byte>();
        body.AddRange(Str("MQTT"));
        body.Add(4); // protocol level 3.1.1
        body.Add(0x80 | 0x40 | 0x02); // user name, password, clean session
        body.AddRange([0, 60]); // keep alive
        body.AddRange(Str(clientId));
        body.AddRange(Str(user));
        body.AddRange(Str(password));
        return Packet(0x10, body);
    }

    /// <summary>Only the fixed header of a packet announcing <paramref name="remainingLength"/> bytes of body.</summary>
    public static byte[] Header(byte first, int remainingLength) => [first, .. Length(remainingLength)];

    /// <summary>A QoS 0 PUBLISH whose whole packet is <paramref name="totalBody"/> bytes of body.</summary>
    public static byte[] PublishHeader(string topic, int totalBody) => [.. Header(0x30, totalBody), .. Str(topic)];

    /// <summary>A SUBSCRIBE (packet id 1) to <paramref name="filters"/>, QoS 0 each.</summary>
    public static byte[] Subscribe(IEnumerable<string> filters)
    {
        var body = new List<byte> { 0, 1 };
        foreach (var f in filters)
        {
            body.AddRange(Str(f));
            body.Add(0);
        }

        return Packet(0x82, body);
    }

    /// <summary>Opens a plain TCP connection, from <paramref name="from"/> when given (another loopback address).</summary>
    public static async Task<Socket> OpenAsync(int port, IPAddress? from = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        if (from is not null)
        {
            socket.Bind(new IPEndPoint(from, 0));
        }

        await socket.ConnectAsync(IPAddress.Loopback, port);
        return socket;
    }

    /// <summary>Logs in with a raw CONNECT; returns the CONNACK return code (0: accepted).</summary>
    public static async Task<int> LoginAsync(Stream stream, string clientId, string user, string password)
    {
        await stream.WriteAsync(Connect(clientId, user, password));
        var connAck = new byte[4];
        await stream.ReadExactlyAsync(connAck).AsTask().WaitAsync(TestMqttClient.Timeout);
        connAck[0].Should().Be(0x20, "a CONNACK answers the CONNECT");
        return connAck[3];
    }

    /// <summary>
    /// Writes <paramref name="bytes"/> in 64 KiB pieces until done or the peer closed the connection;
    /// returns how many the kernel took.
    /// </summary>
    public static async Task<long> SendUntilClosedAsync(Stream stream, long bytes)
    {
        var chunk = new byte[64 * 1024];
        long sent = 0;
        try
        {
            while (sent < bytes)
            {
                var n = (int)Math.Min(chunk.Length, bytes - sent);
                await stream.WriteAsync(chunk.AsMemory(0, n));
                sent += n;
            }
        }
        catch (IOException)
        {
        }

        return sent;
    }

    /// <summary>True once the peer has closed the connection (end of stream or reset), false if it is still open after the timeout.</summary>
    public static async Task<bool> ClosedByPeerAsync(Stream stream, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TestMqttClient.Timeout);
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                if (await stream.ReadAsync(buffer, cts.Token) == 0)
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static byte[] Packet(byte first, List<byte> body) => [first, .. Length(body.Count), .. body];

    private static byte[] Str(string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        return [(byte)(bytes.Length >> 8), (byte)bytes.Length, .. bytes];
    }

    private static List<byte> Length(int value)
    {
        var encoded = new List<byte>();
        do
        {
            var b = (byte)(value % 128);
            value /= 128;
            encoded.Add(value > 0 ? (byte)(b | 0x80) : b);
        }
        while (value > 0);
        return encoded;
    }
}
