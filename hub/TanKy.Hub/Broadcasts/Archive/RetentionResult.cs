namespace TanKy.Hub.Broadcasts.Archive;

/// <summary>Outcome of one retention pass.</summary>
internal sealed record RetentionResult(int Deleted, long FreedBytes, int MissingFiles);
