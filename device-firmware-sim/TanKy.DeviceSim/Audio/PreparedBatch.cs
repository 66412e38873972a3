namespace TanKy.DeviceSim.Audio;

/// <summary>
/// Frames decoded ahead of their slot (protocol.md §8.2.5.3: "the node decodes ahead"), waiting
/// to be handed to the sink at their play-out time. Decoding before the wake keeps the hand-off
/// itself down to a copy, so the measured start is the timer's lateness, not the decoder's.
/// </summary>
internal sealed class PreparedBatch
{
    // 100 ms of audio plus one 60 ms frame of margin.
    private readonly short[] _pcm = new short[4800 + 2880];
    private readonly List<PreparedFrame> _frames = [];
    private int _used;

    public int Count => _frames.Count;

    public IReadOnlyList<PreparedFrame> Frames => _frames;

    public bool HasRoomFor(int samples) => _used + samples <= _pcm.Length;

    public void Add(long seq, FrameFill fill, ReadOnlySpan<short> pcm)
    {
        pcm.CopyTo(_pcm.AsSpan(_used));
        _frames.Add(new PreparedFrame(seq, fill, _used, pcm.Length));
        _used += pcm.Length;
    }

    public ReadOnlySpan<short> Pcm(PreparedFrame frame) => _pcm.AsSpan(frame.Offset, frame.Length);

    public void Clear()
    {
        _frames.Clear();
        _used = 0;
    }
}

/// <summary>One decided slot: which sequence, how it was filled, where its PCM sits.</summary>
internal readonly record struct PreparedFrame(long Seq, FrameFill Fill, int Offset, int Length);

/// <summary>How a slot was filled: its own packet, FEC from the next packet, or concealment.</summary>
internal enum FrameFill
{
    Own,
    Fec,
    Concealed,
}
