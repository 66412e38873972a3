namespace TanKy.Hub.Broadcasts.Archive;

/// <summary>Archive settings (section <c>Archive</c>).</summary>
public sealed class ArchiveOptions
{
    public const string Section = "Archive";

    /// <summary>Recordings older than this many days are deleted.</summary>
    public int RetentionDays { get; set; } = 365;

    /// <summary>Optional cap on the archive's total size; the oldest recordings go first when it is exceeded.</summary>
    public long? MaxTotalBytes { get; set; }

    /// <summary>How often retention runs (after a pass at start-up).</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Sync every page to disk. On by default: the gateway loses power without warning, and
    /// one small fsync per second of audio is cheap next to losing the recording.
    /// </summary>
    public bool SyncEveryPage { get; set; } = true;
}
