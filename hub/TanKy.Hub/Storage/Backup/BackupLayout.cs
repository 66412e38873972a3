namespace TanKy.Hub.Storage.Backup;

/// <summary>What a backup archive holds and which data-directory entries are not copied as plain files.</summary>
internal static class BackupLayout
{
    public const string DatabaseEntry = "tanky.db";
    public const string ManifestEntry = "tanky-backup.json";
    public const string StagingFolder = ".restore-staging";
    public const string PreviousPrefix = ".before-restore-";

    /// <summary>
    /// True for entries the backup never copies file by file: the live database (it goes in
    /// through SQLite's online backup instead), its WAL/SHM/journal, the lock, and restore leftovers.
    /// </summary>
    public static bool IsExcluded(string relativePath)
    {
        var top = relativePath.Split('/', 2)[0];
        return top is DatabaseEntry or "tanky.db-wal" or "tanky.db-shm" or "tanky.db-journal" or DataDirLock.FileName or StagingFolder
            || top.StartsWith(PreviousPrefix, StringComparison.Ordinal);
    }

    /// <summary>An archive entry name that stays inside the target folder (no absolute path, no "..").</summary>
    public static bool IsSafeEntryName(string name) =>
        name.Length > 0 && !name.StartsWith('/') && !name.Contains('\\', StringComparison.Ordinal)
        && name.Split('/').All(part => part.Length > 0 && part != ".." && part != ".");
}
