namespace TanKy.Hub.Storage.Backup;

/// <summary>What was restored, and where the replaced data directory contents were moved.</summary>
internal sealed record RestoreResult(BackupManifest Manifest, string PreviousContents);
