using System.Buffers.Binary;

namespace TanKy.Hub.Broadcasts.Archive;

/// <summary>
/// Packs packets into Ogg pages (RFC 3533) of one logical bitstream and writes each page to the
/// stream as soon as it is flushed, so a file grows page by page while a broadcast plays. The
/// caller decides when a page ends (<see cref="FlushPage"/>); this class only forces a page
/// out when its 255-entry segment table is full, continuing the packet on the next page.
/// </summary>
internal sealed class OggPageWriter
{
    private readonly Stream _output;
    private readonly byte[] _segments = new byte[OggPage.MaxSegments];
    private readonly byte[] _body = new byte[OggPage.MaxSegments * OggPage.MaxLacingValue];
    private int _segmentCount;
    private int _bodyLength;
    private long _granule = OggPage.NoGranule;
    private bool _startsWithContinuation;
    private uint _sequence;

    public OggPageWriter(Stream output, uint serial)
    {
        _output = output;
        Serial = serial;
    }

    public uint Serial { get; }

    /// <summary>Pages written so far (also the sequence number of the next page).</summary>
    public uint PagesWritten => _sequence;

    /// <summary>Bytes of packet data waiting in the current page.</summary>
    public int PendingBodyBytes => _bodyLength;

    /// <summary>Packets that complete on the current, not yet written, page.</summary>
    public int PendingPackets { get; private set; }

    /// <summary>
    /// Adds a packet. <paramref name="granuleAfter"/> is the granule position once this packet
    /// is decoded; the page on which the packet completes carries it.
    /// </summary>
    public void AddPacket(ReadOnlySpan<byte> packet, long granuleAfter)
    {
        // A packet of L bytes is L/255 lacing values of 255 then one value L%255 (possibly 0):
        // the value below 255 is what marks the end, so a multiple of 255 needs a trailing 0.
        var laces = (packet.Length / OggPage.MaxLacingValue) + 1;
        var offset = 0;
        for (var i = 0; i < laces; i++)
        {
            if (_segmentCount == OggPage.MaxSegments)
            {
                WritePage(OggHeaderType.None);

                // i > 0 means this packet already has bytes on the page just written.
                _startsWithContinuation = i > 0;
            }

            var size = Math.Min(OggPage.MaxLacingValue, packet.Length - offset);
            _segments[_segmentCount++] = (byte)size;
            packet.Slice(offset, size).CopyTo(_body.AsSpan(_bodyLength));
            _bodyLength += size;
            offset += size;
        }

        _granule = granuleAfter;
        PendingPackets++;
    }

    /// <summary>Writes the current page, even an empty one when it must carry the EOS flag.</summary>
    public void FlushPage(bool endOfStream = false)
    {
        if (_segmentCount == 0 && !endOfStream)
        {
            return;
        }

        WritePage(endOfStream ? OggHeaderType.EndOfStream : OggHeaderType.None);
    }

    /// <summary>Overrides the granule position of the pending page (end trimming on the last page).</summary>
    public void SetPendingGranule(long granule) => _granule = granule;

    private void WritePage(OggHeaderType flags)
    {
        if (_sequence == 0)
        {
            flags |= OggHeaderType.BeginOfStream;
        }

        if (_startsWithContinuation)
        {
            flags |= OggHeaderType.Continued;
        }

        var page = new byte[OggPage.HeaderSize + _segmentCount + _bodyLength];
        var span = page.AsSpan();
        OggPage.CapturePattern.CopyTo(span);
        span[4] = 0; // stream structure version
        span[5] = (byte)flags;
        BinaryPrimitives.WriteInt64LittleEndian(span[6..], _granule);
        BinaryPrimitives.WriteUInt32LittleEndian(span[14..], Serial);
        BinaryPrimitives.WriteUInt32LittleEndian(span[18..], _sequence);

        // Bytes 22..25 stay zero while the CRC is computed over the whole page.
        span[26] = (byte)_segmentCount;
        _segments.AsSpan(0, _segmentCount).CopyTo(span[OggPage.HeaderSize..]);
        _body.AsSpan(0, _bodyLength).CopyTo(span[(OggPage.HeaderSize + _segmentCount)..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[22..], OggCrc.Compute(span));
        _output.Write(page);

        _sequence++;
        _segmentCount = 0;
        _bodyLength = 0;
        _granule = OggPage.NoGranule;
        _startsWithContinuation = false;
        PendingPackets = 0;
    }
}
