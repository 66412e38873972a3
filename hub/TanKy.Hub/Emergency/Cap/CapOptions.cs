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

    /// <summary>
    /// The commune file whose <c>cap:</c> section gives the commune's, its district's, province's and
    /// hamlets' codes and names (hub/docs/emergency.md). Not set: the bundled commune/tan-ky.yaml;
    /// empty: none (only <see cref="Geocodes"/> and <see cref="CommuneNames"/>).
    /// </summary>
    public string? CommuneFile { get; set; }

    /// <summary>Geocode → zones rules, tried first for every area; one with the same valueName and value replaces the commune file's.</summary>
    public List<CapGeocodeMapping> Geocodes { get; set; } = [];

    /// <summary>More names of the commune (e.g. an old name), added to the commune file's; an areaDesc naming one means the whole commune.</summary>
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
