namespace TanKy.Hub.Broadcasts.Relay.Sources;

/// <summary>How relay sources are read (configuration section <c>RelaySources</c>).</summary>
public sealed class RelaySourceOptions
{
    public const string Section = "RelaySources";

    /// <summary>The ffmpeg program (Debian's <c>ffmpeg</c> on the PATH by default).</summary>
    public string FfmpegPath { get; set; } = "ffmpeg";

    /// <summary>No bytes from ffmpeg for this long: the connection is given up and the next URL tried.</summary>
    public double StallSeconds { get; set; } = 5;

    /// <summary>The first wait before reconnecting; it doubles after each failed attempt up to <see cref="MaxBackoffSeconds"/>.</summary>
    public double InitialBackoffSeconds { get; set; } = 1;

    public double MaxBackoffSeconds { get; set; } = 30;

    /// <summary>How long a reader waits past its frame time for the frame before it gets silence (a Gap).</summary>
    public double FrameSlackMs { get; set; } = 15;

    /// <summary>Decoded audio kept ahead of the reader; beyond it the oldest is dropped so the delay cannot grow.</summary>
    public double BufferSeconds { get; set; } = 1;

    /// <summary>ffmpeg error lines logged per connection (the rest are counted, not logged).</summary>
    public int MaxLoggedErrorLines { get; set; } = 20;

    public TimeSpan Stall => TimeSpan.FromSeconds(StallSeconds);

    public TimeSpan InitialBackoff => TimeSpan.FromSeconds(InitialBackoffSeconds);

    public TimeSpan MaxBackoff => TimeSpan.FromSeconds(MaxBackoffSeconds);

    public TimeSpan FrameSlack => TimeSpan.FromMilliseconds(FrameSlackMs);
}
