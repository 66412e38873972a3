namespace TanKy.Hub.Broadcasts.Live;

/// <summary>Section <c>Live</c>: live voice from the web console and the gateway's sound card.</summary>
public sealed class LiveOptions
{
    public const string Section = "Live";

    /// <summary>A live session ends after this long even if the microphone stays open (a stuck microphone).</summary>
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A session whose client sends nothing for this long ends (a stalled or vanished browser must not hold the zones).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Time allowed for the first message (the format) after the WebSocket opens.</summary>
    public TimeSpan HelloTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The gateway's sound-card input, when used as a live source.</summary>
    public ArecordOptions Arecord { get; set; } = new();

    public sealed class ArecordOptions
    {
        /// <summary>ALSA capture device (e.g. <c>plughw:1,0</c>); null: the sound-card source is off.</summary>
        public string? Device { get; set; }

        /// <summary>Capture rate (8000, 16000 or 48000).</summary>
        public int Rate { get; set; } = 48_000;

        /// <summary>The program, found on PATH unless absolute (Debian package alsa-utils).</summary>
        public string Command { get; set; } = "arecord";
    }
}
