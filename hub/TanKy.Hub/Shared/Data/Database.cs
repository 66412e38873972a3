using Microsoft.Data.Sqlite;

namespace TanKy.Hub.Shared.Data;

/// <summary>
/// The hub's SQLite file (WAL). Every caller opens its own short-lived connection: SQLite
/// connections are cheap with pooling, and that keeps threads from sharing one.
/// </summary>
public sealed class Database
{
    public Database(string dataDir)
    {
        DataDir = Path.GetFullPath(dataDir);
        Directory.CreateDirectory(DataDir);
        FilePath = Path.Combine(DataDir, "tanky.db");
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string DataDir { get; }

    public string FilePath { get; }

    public string ConnectionString { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();

        // busy_timeout lets the CLI write while the hub runs; synchronous=FULL because a power
        // cut at the commune office must not lose an acknowledged write.
        pragma.CommandText = "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000; PRAGMA synchronous=FULL;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Creates or upgrades the schema. Safe to call from every process at start.</summary>
    public void Migrate() => Migrator.Apply(this);
}
