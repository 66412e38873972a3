namespace TanKy.Hub.Emergency.Cap;

/// <summary>CAP intake settings (section <c>Alerts:Cap</c>).</summary>
public sealed class CapOptions
{
    public const string Section = "Alerts:Cap";

    /// <summary>Largest accepted message (HTTP body or file).</summary>
    public int MaxBytes { get; set; } = CapParser.DefaultMaxBytes;

    /// <summary>
    /// Folder polled for <c>*.xml</c> alerts (empty: off). Writers should write to another name
    /// and rename into place, so a half-written file is never read.
    /// </summary>
    public string? WatchDirectory { get; set; }

    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The one CAP <c>sender</c> whose unsigned files the watched folder accepts (empty: every file
    /// must carry an enveloped signature by a registered sender). Bind the folder only when nobody
    /// but that sender's feed can write to it.
    /// </summary>
    public string? FolderSender { get; set; }

    /// <summary>Geocode → zones rules, tried first for every area.</summary>
    public List<CapGeocodeMapping> Geocodes { get; set; } = [];

    /// <summary>areaDesc values that mean the whole commune (e.g. "Xã Tân Kỳ", "Tân Kỳ"), compared without diacritics.</summary>
    public List<string> CommuneNames { get; set; } = [];

    /// <summary>Stored siren/chime clip played before the spoken message (none when empty).</summary>
    public string? SirenMediaId { get; set; }

    /// <summary>Speak headline + instruction through the speech engine and the media pipeline.</summary>
    public bool SynthesizeSpeech { get; set; } = true;

    /// <summary>How many times the sequence plays; <c>expires</c> stops repetition earlier.</summary>
    public int Repeat { get; set; } = 3;

    public TimeSpan RepeatInterval { get; set; } = TimeSpan.FromMinutes(10);

    public int SpeechMaxCharacters { get; set; } = 1000;

    public int LedMaxCharacters { get; set; } = 120;
}
