using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace TanKy.Hub.Storage.Backup;

/// <summary>
/// <c>tanky-hub restore FILE</c>: replaces the data directory with a backup. Refuses while the
/// hub holds <see cref="DataDirLock"/>; unpacks into a staging folder, rejects entries that
/// would escape it, checks the database with <c>integrity_check</c>, and only then moves the
/// current files aside (into <c>.before-restore-…</c>, kept for the operator) and the restored
/// ones in. Any failure before the swap leaves the data directory as it was.
/// </summary>
internal static class DataRestore
{
    /// <param name="databaseOnly">
    /// Replace only the database and keep every other file (media, archive): the rollback of a
    /// failed upgrade, whose schema migration touched nothing else.
    /// </param>
    public static RestoreResult Restore(string dataDir, string file, bool databaseOnly = false)
    {
        dataDir = Path.GetFullPath(dataDir);
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"backup file not found: {file}", file);
        }

        using var hubLock = DataDirLock.TryAcquire(dataDir)
            ?? throw new InvalidOperationException($"the hub is running on {dataDir} ({DataDirLock.FileName} is locked): stop it first (systemctl stop tanky-hub)");
        var staging = Path.Combine(dataDir, BackupLayout.StagingFolder);
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        try
        {
            var manifest = Unpack(file, staging);
            Verify(Path.Combine(staging, BackupLayout.DatabaseEntry));

            SqliteConnection.ClearAllPools();
            var previous = Swap(dataDir, staging, databaseOnly);
            return new RestoreResult(manifest, previous);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private static void Verify(string database)
    {
        try
        {
            using var check = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false, Mode = SqliteOpenMode.ReadWrite }.ToString());
            check.Open();
            DataBackup.IntegrityCheck(check, "the backup's database");
        }
        catch (SqliteException ex)
        {
            throw new InvalidOperationException($"the backup's database is damaged: {ex.Message}", ex);
        }
    }

    private static BackupManifest Unpack(string file, string staging)
    {
        Directory.CreateDirectory(staging);
        BackupManifest? manifest = null;
        using var input = File.OpenRead(file);
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        try
        {
            while (tar.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || !BackupLayout.IsSafeEntryName(entry.Name))
                {
                    throw new InvalidDataException($"backup entry '{entry.Name}' ({entry.EntryType}) is not a plain file inside the data directory");
                }

                if (entry.Name == BackupLayout.ManifestEntry)
                {
                    manifest = JsonSerializer.Deserialize<BackupManifest>(entry.DataStream!);
                    continue;
                }

                var path = Path.Combine(staging, entry.Name);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                entry.ExtractToFile(path, overwrite: false);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or JsonException or EndOfStreamException or FormatException)
        {
            throw new InvalidOperationException($"{file} is not a readable tanky-hub backup: {ex.Message}", ex);
        }

        if (manifest is null || !File.Exists(Path.Combine(staging, BackupLayout.DatabaseEntry)))
        {
            throw new InvalidOperationException($"{file} is not a tanky-hub backup (no {BackupLayout.ManifestEntry} or {BackupLayout.DatabaseEntry})");
        }

        if (manifest.Format > BackupManifest.CurrentFormat)
        {
            throw new InvalidOperationException($"{file} has backup format {manifest.Format}; this hub reads up to {BackupManifest.CurrentFormat}: restore with a newer hub");
        }

        return manifest;
    }

    /// <summary>Moves the current entries into a dated folder and the staged ones into place; returns that folder.</summary>
    private static string Swap(string dataDir, string staging, bool databaseOnly)
    {
        var previous = Path.Combine(dataDir, BackupLayout.PreviousPrefix + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(previous);
        foreach (var entry in Directory.EnumerateFileSystemEntries(dataDir))
        {
            var name = Path.GetFileName(entry);
            var isDatabase = name.StartsWith(BackupLayout.DatabaseEntry, StringComparison.Ordinal);
            if (name == DataDirLock.FileName || name == BackupLayout.StagingFolder || name.StartsWith(BackupLayout.PreviousPrefix, StringComparison.Ordinal)
                || (databaseOnly && !isDatabase))
            {
                continue;
            }

            Move(entry, Path.Combine(previous, name));
        }

        foreach (var entry in Directory.EnumerateFileSystemEntries(staging))
        {
            var name = Path.GetFileName(entry);
            if (!databaseOnly || name == BackupLayout.DatabaseEntry)
            {
                Move(entry, Path.Combine(dataDir, name));
            }
        }

        return previous;
    }

    private static void Move(string from, string to)
    {
        if (Directory.Exists(from))
        {
            Directory.Move(from, to);
        }
        else
        {
            File.Move(from, to);
        }
    }
}
