namespace TanKy.Hub.Broadcasts.Archive;

/// <summary>Values of <c>broadcast_archive.status</c>.</summary>
internal static class ArchiveStatus
{
    /// <summary>Being written now (or the hub died while writing it; see <see cref="Interrupted"/>).</summary>
    public const string Recording = "recording";

    /// <summary>Finished normally, EOS written.</summary>
    public const string Complete = "complete";

    /// <summary>Stopped early (preempted, cancelled); the audio that did air is kept.</summary>
    public const string Aborted = "aborted";

    /// <summary>Found unfinished at start-up after a crash; kept up to its last intact page.</summary>
    public const string Interrupted = "interrupted";

    /// <summary>Writing failed (disk full, I/O error); whatever reached the disk is kept.</summary>
    public const string Failed = "failed";
}
