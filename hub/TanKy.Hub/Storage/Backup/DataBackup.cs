using System.Formats.Tar;
using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Storage.Backup;

/// <summary>
/// <c>tanky-hub backup FILE</c>: a .tar.gz of the data directory taken while the hub runs. The
/// database comes from SQLite's online backup API (a consistent snapshot even while the hub
/// writes, which a file copy of a WAL database is not) and is checked with
/// <c>integrity_check</c> before it goes in; media, archive and the other files are copied as
/// they are. The archive appears under its final name only when complete.
/// </summary>
internal static class DataBackup
{
    public static BackupManifest Create(Database db, string file, bool includeArchive = true)
    {
        var target = Path.GetFullPath(file);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var snapshot = target + ".db-tmp";
        var partial = target + ".partial";
        try
        {
            var schema = Snapshot(db, snapshot);
            BackupManifest manifest;
            using (var output = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
                using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
                {
                    manifest = WriteEntries(tar, db, schema, snapshot, includeArchive, [target, partial, snapshot]);
                }

                // The tar trailer and gzip footer are written by now: make them durable before the rename.
                output.Flush(flushToDisk: true);
            }

            File.Move(partial, target, overwrite: true);
            return manifest;
        }
        finally
        {
            File.Delete(snapshot);
            File.Delete(partial);
        }
    }

    private static BackupManifest WriteEntries(TarWriter tar, Database db, int schema, string snapshot, bool includeArchive, string[] skip)
    {
        var files = 0;
        long bytes = AddFile(tar, snapshot, BackupLayout.DatabaseEntry);
        foreach (var path in DataFiles(db.DataDir, includeArchive, skip))
        {
            bytes += AddFile(tar, path, Path.GetRelativePath(db.DataDir, path).Replace('\\', '/'));
            files++;
        }

        var manifest = new BackupManifest(BackupManifest.CurrentFormat, DateTimeOffset.UtcNow, HubVersion(), schema, files, bytes, Sha256(snapshot));
        var json = JsonSerializer.SerializeToUtf8Bytes(manifest, new JsonSerializerOptions { WriteIndented = true });
        tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, BackupLayout.ManifestEntry) { DataStream = new MemoryStream(json) });
        return manifest;
    }

    public static string HubVersion() =>
        typeof(DataBackup).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>Copies the live database page by page into <paramref name="snapshot"/>; returns its schema version.</summary>
    private static int Snapshot(Database db, string snapshot)
    {
        File.Delete(snapshot);
        using (var source = db.Open())
        using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = snapshot, Pooling = false }.ToString()))
        {
            copy.Open();
            source.BackupDatabase(copy);
            IntegrityCheck(copy, "the backup copy");
            using var checkpoint = copy.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }

        using var check = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = snapshot, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        check.Open();
        using var version = check.CreateCommand();
        version.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(version.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static void IntegrityCheck(SqliteConnection connection, string what)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA integrity_check;";
        var result = cmd.ExecuteScalar() as string;
        if (result != "ok")
        {
            throw new InvalidOperationException($"integrity_check of {what} failed: {result}");
        }
    }

    private static IEnumerable<string> DataFiles(string dataDir, bool includeArchive, string[] skip) =>
        Directory.EnumerateFiles(dataDir, "*", SearchOption.AllDirectories)
            .Where(path =>
            {
                var relative = Path.GetRelativePath(dataDir, path).Replace('\\', '/');
                return !BackupLayout.IsExcluded(relative)
                    && (includeArchive || !relative.StartsWith(Broadcasts.Archive.ArchivePaths.Folder + "/", StringComparison.Ordinal))
                    && !skip.Contains(Path.GetFullPath(path));
            })
            .Order(StringComparer.Ordinal);

    /// <summary>Adds one file; a file the hub is still writing (an archive recording) is copied as far as it got.</summary>
    private static long AddFile(TarWriter tar, string path, string name)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        // Copied to memory first (media and recordings are a few MB): the tar header needs the
        // exact length, and a recording may grow while it is read.
        var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.Position = 0;
        tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = copy, ModificationTime = File.GetLastWriteTimeUtc(path) });
        return copy.Length;
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
