using System.Buffers;
using System.Buffers.Binary;

namespace TanKy.Protocol.Audio;

/// <summary>
/// One binary message on <c>stream/{streamId}</c>: a 28-byte header and 1–16 consecutive codec
/// frames, each a uint16 length and its packet. Immutable: packet bytes are copied in.
/// Byte layout and node rules: hub/docs/protocol-audio.md §1.
/// </summary>
public sealed partial class AudioFrameMessage
{
    private readonly ReadOnlyMemory<byte>[] _packets;

    /// <summary>Builds a message; throws if it would break a rule that <see cref="TryParse"/> enforces.</summary>
    public AudioFrameMessage(
        uint streamHash,
        uint epoch,
        uint firstSequence,
        long firstPlayoutMicros,
        IReadOnlyList<ReadOnlyMemory<byte>> packets,
        int frameSamples = AudioFrameFormat.DefaultFrameSamples,
        AudioFrameFlags flags = AudioFrameFlags.None,
        AudioCodec codec = AudioCodec.Opus)
    {
        ArgumentNullException.ThrowIfNull(packets);
        if ((flags & ~AudioFrameFlags.EndOfStream) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(flags), flags, "reserved flag bits must be 0");
        }

        // Copy into one owned buffer so a caller reusing its encoder buffers cannot change us.
        var total = 0;
        foreach (var p in packets)
        {
            total += p.Length;
        }

        var owned = new byte[total];
        var copies = new ReadOnlyMemory<byte>[packets.Count];
        var at = 0;
        for (var i = 0; i < packets.Count; i++)
        {
            packets[i].Span.CopyTo(owned.AsSpan(at));
            copies[i] = owned.AsMemory(at, packets[i].Length);
            at += packets[i].Length;
        }

        var error = Check(codec, packets.Count, frameSamples, firstPlayoutMicros, firstSequence, copies);
        if (error is not null)
        {
            throw new ArgumentException(error, nameof(packets));
        }

        (Codec, Flags, StreamHash, Epoch, FirstSequence, FirstPlayoutMicros, FrameSamples, _packets) =
            (codec, flags, streamHash, epoch, firstSequence, firstPlayoutMicros, frameSamples, copies);
    }

    // Used by TryParse, which has already validated everything and owns the packet buffer.
    private AudioFrameMessage(
        AudioCodec codec,
        AudioFrameFlags flags,
        uint streamHash,
        uint epoch,
        uint firstSequence,
        long firstPlayoutMicros,
        int frameSamples,
        ReadOnlyMemory<byte>[] packets)
    {
        (Codec, Flags, StreamHash, Epoch, FirstSequence, FirstPlayoutMicros, FrameSamples, _packets) =
            (codec, flags, streamHash, epoch, firstSequence, firstPlayoutMicros, frameSamples, packets);
    }

    public AudioCodec Codec { get; }

    /// <summary>As received: reserved bits are kept, not interpreted.</summary>
    public AudioFrameFlags Flags { get; }

    public bool IsEndOfStream => (Flags & AudioFrameFlags.EndOfStream) != 0;

    /// <summary><see cref="StreamIdHash.Compute(string)"/> of the stream id.</summary>
    public uint StreamHash { get; }

    /// <summary>Broadcast number chosen by the hub, strictly increasing across broadcasts.</summary>
    public uint Epoch { get; }

    /// <summary>Sequence number of the first frame; frame i has <c>FirstSequence + i</c>.</summary>
    public uint FirstSequence { get; }

    /// <summary>Play-out time of the first frame, hub clock (Unix µs).</summary>
    public long FirstPlayoutMicros { get; }

    /// <summary>Duration of every frame in 48 kHz samples (960 = 20 ms).</summary>
    public int FrameSamples { get; }

    public long FrameDurationMicros => AudioFrameFormat.SamplesToMicros(FrameSamples);

    /// <summary>Codec packets in play-out order; an empty one means "lost at source or DTX".</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Packets => _packets;

    public int FrameCount => _packets.Length;

    public int EncodedLength
    {
        get
        {
            var length = AudioFrameFormat.HeaderLength;
            foreach (var p in _packets)
            {
                length += AudioFrameFormat.LengthPrefixBytes + p.Length;
            }

            return length;
        }
    }

    public uint SequenceOf(int frameIndex) => FirstSequence + (uint)frameIndex;

    public long PlayoutMicrosOf(int frameIndex) => FirstPlayoutMicros + (frameIndex * FrameDurationMicros);

    public byte[] Encode()
    {
        var bytes = new byte[EncodedLength];
        WriteTo(bytes);
        return bytes;
    }

    /// <summary>Writes the message into <paramref name="writer"/> and returns its length.</summary>
    public int Encode(IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var length = EncodedLength;
        WriteTo(writer.GetSpan(length));
        writer.Advance(length);
        return length;
    }

    /// <summary>Writes the message at the start of <paramref name="destination"/>; returns its length.</summary>
    public int WriteTo(Span<byte> destination)
    {
        var length = EncodedLength;
        if (destination.Length < length)
        {
            throw new ArgumentException($"need {length} bytes, have {destination.Length}", nameof(destination));
        }

        destination[0] = AudioFrameFormat.Magic0;
        destination[1] = AudioFrameFormat.Magic1;
        destination[2] = AudioFrameFormat.FormatVersion;
        destination[3] = (byte)Codec;
        destination[4] = (byte)Flags;
        destination[5] = (byte)_packets.Length;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[6..], (ushort)FrameSamples);
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], FirstPlayoutMicros);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[16..], StreamHash);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[20..], Epoch);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[24..], FirstSequence);
        var at = AudioFrameFormat.HeaderLength;
        foreach (var p in _packets)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(destination[at..], (ushort)p.Length);
            p.Span.CopyTo(destination[(at + AudioFrameFormat.LengthPrefixBytes)..]);
            at += AudioFrameFormat.LengthPrefixBytes + p.Length;
        }

        return length;
    }
}
