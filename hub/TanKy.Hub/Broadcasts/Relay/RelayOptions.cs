namespace TanKy.Hub.Broadcasts.Relay;

/// <summary>How relays (tiếp sóng) are aired: levelling and dropout handling (section <c>Relay</c>).</summary>
public sealed class RelayOptions
{
    public const string Section = "Relay";

    /// <summary>
    /// Loudness the leveller steers a relay to. Keep it equal to <c>Media:TargetLufs</c> (−16) so
    /// a relay and the bulletin after it sound equally loud; Broadcasts cannot read Media's options.
    /// </summary>
    public double TargetLufs { get; set; } = -16;

    /// <summary>Sample-peak ceiling of the limiter after the gain (as <c>Media:PeakCeilingDbfs</c>).</summary>
    public double PeakCeilingDbfs { get; set; } = -1;

    /// <summary>The most the leveller amplifies: a very quiet source stays quiet rather than turning hiss into a roar.</summary>
    public double MaxGainDb { get; set; } = 24;

    /// <summary>Below this momentary loudness the input is a gap or silence: the gain freezes instead of climbing.</summary>
    public double GateLufs { get; set; } = -50;

    /// <summary>
    /// Continuous gap after which the fallback clip replaces the silence. Before that the
    /// speakers keep the stream with silent frames.
    /// </summary>
    public TimeSpan FallbackAfter { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Continuous source audio needed, while the fallback clip plays, before the relay goes back to the source.</summary>
    public TimeSpan ReturnAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A gap counts as a dropout once it lasts this long (a single late frame is jitter, not a dropout).</summary>
    public TimeSpan DropoutMinimum { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Silence between two plays of the fallback clip.</summary>
    public TimeSpan FallbackGap { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How late a feed frame may be before its slot goes out as a gap (the frame clock's slack).</summary>
    public TimeSpan Slack { get; set; } = TimeSpan.FromMilliseconds(60);

    /// <summary>Ended relays whose counts stay readable (relay-status, broadcast detail) after the end.</summary>
    public int KeepEnded { get; set; } = 100;

    internal int Frames(TimeSpan span) => (int)Math.Ceiling(span.TotalMilliseconds / global::TanKy.Hub.Broadcasts.Sources.AudioSourceFormat.FrameDuration.TotalMilliseconds);
}
