namespace TanKy.Hub.Broadcasts.History;

/// <summary>A broadcast's archived Ogg Opus file on disk (absolute path), its length and when it was closed.</summary>
public sealed record RecordingFile(string Path, long? DurationMs, DateTimeOffset? ClosedAt)
{
    /// <summary>What browsers need to pick the Opus decoder for an Ogg file.</summary>
    public const string ContentType = "audio/ogg; codecs=opus";
}
