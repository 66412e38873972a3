namespace TanKy.DeviceSim.Audio;

/// <summary>
/// The stream a speaker follows: its play order, its jitter buffer (packets keyed by sequence)
/// and what has been played. Mutated only under <see cref="SpeakerPlayer"/>'s lock.
/// </summary>
internal sealed class ActiveStream
{
    public ActiveStream(string id, uint hash, PlaybackClass playbackClass, uint? orderEpoch, long idleDeadlineLocal)
    {
        Id = id;
        Hash = hash;
        Class = playbackClass;
        OrderEpoch = orderEpoch;
        IdleDeadlineLocal = idleDeadlineLocal;
    }

    public string Id { get; }

    public uint Hash { get; }

    public PlaybackClass Class { get; }

    /// <summary>Epoch from the play order; frames of any other epoch are dropped.</summary>
    public uint? OrderEpoch { get; }

    /// <summary>Epoch of the first accepted message, binding when the order named none.</summary>
    public uint? StreamEpoch { get; set; }

    public uint? ExpectedEpoch => OrderEpoch ?? StreamEpoch;

    /// <summary>Packets waiting for their slot. An empty packet is a slot the hub marked lost.</summary>
    public Dictionary<long, ReadOnlyMemory<byte>> Buffer { get; } = [];

    public long HighestAccepted { get; set; } = -1;

    /// <summary>The next slot to render; -1 until the first frame is accepted.</summary>
    public long NextSeq { get; set; } = -1;

    public long FirstSeq { get; set; } = -1;

    /// <summary>Hub play-out time of <see cref="FirstSeq"/>; later slots are FirstSeq's plus whole frames.</summary>
    public long FirstPlayoutHub { get; set; }

    public int FrameSamples { get; set; }

    public long FrameMicros { get; set; }

    /// <summary>Last sequence of the message flagged end-of-stream, once seen.</summary>
    public long? EndSeq { get; set; }

    /// <summary>Node clock after which the stream is released for lack of frames (1 s after the last accepted message).</summary>
    public long IdleDeadlineLocal { get; set; }

    /// <summary>
    /// Node-clock µs from which the idle second counts at the latest: the play-out end of the frames
    /// received so far, or before the first frame the announced start (the order's arrival if none).
    /// </summary>
    public long ReceivedUntilLocal { get; set; }

    public IAudioSink? Sink { get; set; }

    /// <summary>Slots from <see cref="NextSeq"/> on that are already decided and decoded.</summary>
    public PreparedBatch Prepared { get; } = new();

    /// <summary>First slot not yet decided: a frame for an earlier slot comes too late.</summary>
    public long DecidedUpTo => NextSeq + Prepared.Count;

    public bool Released { get; set; }

    /// <summary>Identifies the one pending wake; a wake carrying an older token is stale and ignored.</summary>
    public long WakeToken { get; set; }

    public int Played { get; set; }

    public int Concealed { get; set; }

    public int Fec { get; set; }

    public int Late { get; set; }

    /// <summary>Set when the first frame is handed to the sink.</summary>
    public PlaybackStats? Start { get; set; }

    public PlaybackStats Snapshot(PlaybackEndReason? reason) => (Start ?? new PlaybackStats { StreamId = Id, Class = Class }) with
    {
        Epoch = ExpectedEpoch,
        Played = Played,
        Concealed = Concealed,
        Fec = Fec,
        Late = Late,
        Reason = reason,
    };

    public bool HasFrames => NextSeq >= 0;

    public long PlayoutHubOf(long seq) => FirstPlayoutHub + ((seq - FirstSeq) * FrameMicros);
}
