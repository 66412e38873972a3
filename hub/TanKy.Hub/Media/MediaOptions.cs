namespace TanKy.Hub.Media;

/// <summary>Media import and encoding settings (section <c>Media</c>).</summary>
public sealed class MediaOptions
{
    public const string Section = "Media";

    /// <summary>Largest accepted upload (original file bytes). The HTTP request limit follows it.</summary>
    public long MaxUploadBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Longest accepted recording.</summary>
    public int MaxDurationSeconds { get; set; } = 1800;

    /// <summary>Integrated loudness (ITU-R BS.1770-4) every clip is normalised to.</summary>
    public double TargetLufs { get; set; } = -16;

    /// <summary>Sample-peak ceiling kept by the limiter after the loudness gain.</summary>
    public double PeakCeilingDbfs { get; set; } = -1;

    /// <summary>
    /// Upper bound of the normalisation gain: a near-silent recording is mostly noise, and
    /// +40 dB of hiss on a loudspeaker is worse than a quiet bulletin.
    /// </summary>
    public double MaxGainDb { get; set; } = 30;

    /// <summary>
    /// Re-encode once when the decoded Opus misses <see cref="TargetLufs"/> by more than 0.5 LU
    /// (the voice encoder's high-pass costs a low male voice ~0.9 LU). Doubles encode time for such clips.
    /// </summary>
    public bool CompensateCodecLoss { get; set; } = true;

    public int OpusBitrate { get; set; } = 24000;

    /// <summary>5 of 10: about half the CPU of 10 for a barely audible loss on speech; a Pi also streams live while importing.</summary>
    public int OpusComplexity { get; set; } = 5;

    /// <summary>Opus frame length. Only 20 ms is supported by the stream format today.</summary>
    public int FrameMs { get; set; } = 20;

    /// <summary>In-band forward error correction: a node recovers a lost frame from the next packet (4G drops packets).</summary>
    public bool UseInbandFec { get; set; } = true;

    /// <summary>Expected packet loss the encoder plans FEC for.</summary>
    public int PacketLossPercent { get; set; } = 10;

    /// <summary>
    /// Use native libopus when it is loadable. Off by default: Concentus would otherwise switch
    /// silently when someone installs libopus, and the bitstream would change under us.
    /// </summary>
    public bool UseNativeOpus { get; set; }

    /// <summary>Imports are CPU-heavy; on a Pi one at a time leaves room for live streaming.</summary>
    public int MaxConcurrentImports { get; set; } = 1;

    /// <summary>
    /// Slots of the emergency lane (<see cref="ImportLane.Emergency"/>), separate from
    /// <see cref="MaxConcurrentImports"/>: an emergency recording or speech never waits for an upload.
    /// </summary>
    public int MaxConcurrentEmergencyImports { get; set; } = 1;

    /// <summary>
    /// Uploads to <c>POST /api/v1/media</c> of at least this many bytes are imported in the
    /// background: the answer is 202 with a job to poll at <c>/api/v1/media/imports/{id}</c>.
    /// Smaller ones are imported within the request (201/200 with the clip, as before).
    /// </summary>
    public long BackgroundImportBytes { get; set; } = 4L * 1024 * 1024;

    /// <summary>Settings this build cannot honour, checked at start (a bad value must not surface as a 500 on the first upload).</summary>
    /// <summary>
    /// These settings with the size and length caps raised for a recording the hub made itself
    /// (record now, air later): its length was validated by the programme, and a 30-minute WAV is
    /// larger than an officer's upload may be.
    /// </summary>
    internal MediaOptions ForRecording(long bytes, TimeSpan duration)
    {
        var copy = (MediaOptions)MemberwiseClone();
        copy.MaxUploadBytes = Math.Max(MaxUploadBytes, bytes);
        copy.MaxDurationSeconds = Math.Max(MaxDurationSeconds, (int)Math.Ceiling(duration.TotalSeconds) + 1);
        return copy;
    }

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        Check(problems, FrameMs == 20, "Media:FrameMs must be 20 (stream.opuspk v1)");
        Check(problems, OpusBitrate is >= 6000 and <= 510000, "Media:OpusBitrate must be 6000–510000");
        Check(problems, OpusComplexity is >= 0 and <= 10, "Media:OpusComplexity must be 0–10");
        Check(problems, PacketLossPercent is >= 0 and <= 100, "Media:PacketLossPercent must be 0–100");
        Check(problems, MaxConcurrentImports >= 1 && MaxConcurrentEmergencyImports >= 1, "Media:MaxConcurrentImports and MaxConcurrentEmergencyImports must be at least 1");
        Check(problems, BackgroundImportBytes > 0, "Media:BackgroundImportBytes must be positive");
        Check(problems, MaxUploadBytes > 0 && MaxDurationSeconds > 0, "Media:MaxUploadBytes and MaxDurationSeconds must be positive");
        Check(problems, PeakCeilingDbfs is <= 0 and > -20, "Media:PeakCeilingDbfs must be in (−20, 0]");
        Check(problems, TargetLufs is < 0 and > -70, "Media:TargetLufs must be in (−70, 0)");
        return problems;
    }

    internal int FrameSamples => MediaFormat.SampleRate * FrameMs / 1000;

    internal double CeilingLinear => Math.Pow(10, PeakCeilingDbfs / 20);

    private static void Check(List<string> problems, bool ok, string message)
    {
        if (!ok)
        {
            problems.Add(message);
        }
    }
}
