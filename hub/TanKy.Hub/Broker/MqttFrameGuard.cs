namespace TanKy.Hub.Broker;

/// <summary>
/// Follows the MQTT packet framing of the bytes a client sends, as they arrive, and says when a
/// packet must be refused before its body is read: MQTTnet allocates a packet's whole body as soon
/// as it has the fixed header (a 25 MB remaining length is a 25 MB array), so the size check has to
/// happen on the fixed header, in the read that delivers it.
/// </summary>
/// <remarks>
/// Before the connection's CONNECT is accepted (<see cref="ConnectAccepted"/>) the first packet
/// must be a CONNECT and everything read must fit <c>maxBytesBeforeConnect</c>; after it, every
/// packet (PUBLISH, SUBSCRIBE, any type) must fit <c>maxPacketSize</c>, header included, as MQTT 5
/// defines Maximum Packet Size. Not thread-safe: MQTTnet reads one connection from one loop.
/// </remarks>
internal sealed class MqttFrameGuard(int maxPacketSize, int maxBytesBeforeConnect)
{
    private const int ConnectPacketType = 1;

    private enum Phase
    {
        FirstByte,
        RemainingLength,
        Body,
    }

    private Phase _phase = Phase.FirstByte;
    private int _packetType;
    private int _headerBytes;
    private int _remainingLength;
    private int _shift;
    private long _bodyLeft;
    private long _bytesBeforeConnect;
    private bool _sawFirstPacket;
    private volatile bool _connectAccepted;

    /// <summary>Why the last <see cref="Inspect"/> refused, for the log.</summary>
    public string? Refusal { get; private set; }

    /// <summary>Whether the refusal was a packet over <see cref="maxPacketSize"/> after login.</summary>
    public bool RefusedOversize { get; private set; }

    public bool IsConnectAccepted => _connectAccepted;

    /// <summary>The broker accepted this connection's CONNECT: from now on the packet size limit applies.</summary>
    public void ConnectAccepted() => _connectAccepted = true;

    /// <summary>
    /// Looks at bytes just read from the client, before MQTTnet sees them. False: the connection
    /// must be closed without handing these bytes on (<see cref="Refusal"/> says why).
    /// </summary>
    public bool Inspect(ReadOnlySpan<byte> data)
    {
        if (!_connectAccepted)
        {
            _bytesBeforeConnect += data.Length;
            if (_bytesBeforeConnect > maxBytesBeforeConnect)
            {
                return Refuse($"more than {maxBytesBeforeConnect} bytes before CONNECT was accepted");
            }
        }

        var i = 0;
        while (i < data.Length)
        {
            switch (_phase)
            {
                case Phase.FirstByte:
                    _packetType = data[i++] >> 4;
                    if (!_connectAccepted && !_sawFirstPacket && _packetType != ConnectPacketType)
                    {
                        return Refuse($"first packet is type {_packetType}, not CONNECT");
                    }

                    _sawFirstPacket = true;
                    _headerBytes = 1;
                    _remainingLength = 0;
                    _shift = 0;
                    _phase = Phase.RemainingLength;
                    break;

                case Phase.RemainingLength:
                    var b = data[i++];
                    _headerBytes++;
                    _remainingLength |= (b & 0x7F) << _shift;
                    _shift += 7;
                    if ((b & 0x80) != 0)
                    {
                        if (_shift >= 28)
                        {
                            return Refuse("malformed remaining length");
                        }

                        break;
                    }

                    var total = (long)_headerBytes + _remainingLength;
                    if (!_connectAccepted && total > maxBytesBeforeConnect)
                    {
                        return Refuse($"CONNECT of {total} bytes exceeds {maxBytesBeforeConnect}");
                    }

                    if (_connectAccepted && total > maxPacketSize)
                    {
                        RefusedOversize = true;
                        return Refuse($"packet type {_packetType} of {total} bytes exceeds the {maxPacketSize}-byte packet limit");
                    }

                    _bodyLeft = _remainingLength;
                    _phase = _bodyLeft == 0 ? Phase.FirstByte : Phase.Body;
                    break;

                case Phase.Body:
                    var take = (int)Math.Min(_bodyLeft, data.Length - i);
                    i += take;
                    _bodyLeft -= take;
                    if (_bodyLeft == 0)
                    {
                        _phase = Phase.FirstByte;
                    }

                    break;
            }
        }

        return true;
    }

    private bool Refuse(string reason)
    {
        Refusal = reason;
        return false;
    }
}
