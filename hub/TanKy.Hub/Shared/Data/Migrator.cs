using Microsoft.Data.Sqlite;

namespace TanKy.Hub.Shared.Data;

/// <summary>
/// Versioned schema migrations tracked in <c>PRAGMA user_version</c>. Each migration runs in
/// its own transaction together with the version bump, so a crash leaves either the old or
/// the new schema, never half of one.
/// </summary>
internal static class Migrator
{
    public static int LatestVersion => Migrations.All.Count;

    public static void Apply(Database db)
    {
        using var connection = db.Open();
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            wal.ExecuteNonQuery();
        }

        // BEGIN IMMEDIATE serialises concurrent migrators (hub and CLI starting together).
        using var tx = connection.BeginTransaction(deferred: false);
        var current = CurrentVersion(connection, tx);
        if (current > LatestVersion)
        {
            throw new InvalidOperationException(
                $"database schema version {current} is newer than this hub understands ({LatestVersion}); upgrade the hub");
        }

        for (var version = current + 1; version <= LatestVersion; version++)
        {
            using var cmd = connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = Migrations.All[version - 1] + $"\nPRAGMA user_version={version};";
            cmd.ExecuteNonQuery();
        }

        tx.Commit();
    }

    public static int CurrentVersion(SqliteConnection connection, SqliteTransaction? tx = null)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
