namespace TanKy.Hub.Broadcasts.Archive;

/// <summary>What <see cref="OggOpusReader"/> found in a file.</summary>
internal sealed record OggOpusFileInfo
{
    public required OpusHead Head { get; init; }

    public required OpusTags Tags { get; init; }

    public required uint Serial { get; init; }

    public required int PageCount { get; init; }

    public required long AudioPacketCount { get; init; }

    /// <summary>Sum of the packets' durations from their TOC bytes (48 kHz, pre-skip included).</summary>
    public required long DecodedSamples { get; init; }

    /// <summary>Granule position of the last intact page that has one (0 when there is no audio page).</summary>
    public required long FinalGranule { get; init; }

    public required bool HasEndOfStream { get; init; }

    /// <summary>Bytes from the start of the file to the end of the last intact page.</summary>
    public required long ValidLength { get; init; }

    /// <summary>Why reading stopped early (truncated or damaged page, bad structure), or null for a clean file.</summary>
    public string? StopReason { get; init; }

    /// <summary>A finished file: EOS seen and nothing wrong or left over after it.</summary>
    public bool IsComplete => HasEndOfStream && StopReason is null;

    /// <summary>Playable duration: final granule minus pre-skip, at 48 kHz.</summary>
    public TimeSpan Duration =>
        TimeSpan.FromSeconds(Math.Max(0, FinalGranule - Head.PreSkip) / (double)OggOpusWriter.SampleRate);
}
