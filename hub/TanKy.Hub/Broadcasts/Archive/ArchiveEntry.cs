namespace TanKy.Hub.Broadcasts.Archive;

/// <summary>
/// Who, what and where of a broadcast about to be archived; "when" is taken from the hub clock.
/// <paramref name="Class"/> is <c>normal</c>, <c>priority</c> or <c>emergency</c>.
/// </summary>
internal sealed record ArchiveEntry(
    string BroadcastId,
    string Title,
    string Class,
    IReadOnlyList<string> Zones,
    string Operator)
{
    /// <summary>Pre-skip in 48 kHz samples: the encoder's lookahead (Concentus <c>IOpusEncoder.Lookahead</c>, 312 for VOIP/AUDIO at 48 kHz).</summary>
    public int PreSkip { get; init; } = 312;

    /// <summary>The codec library that made the packets; written as the OpusTags vendor string.</summary>
    public string CodecVendor { get; init; } = "Concentus";

    /// <summary>Sample rate of the source before encoding (informational in OpusHead).</summary>
    public int InputSampleRate { get; init; } = OggOpusWriter.SampleRate;
}
