using TanKy.Hub.Shared.Data;

namespace TanKy.Bench;

/// <summary>A fresh, migrated hub data directory under /tmp for one benchmark run, with the simulator's fleet file path; deleted on dispose.</summary>
internal abstract class BenchDataDir : IDisposable
{
    protected BenchDataDir(string prefix)
    {
        DataDir = Path.Combine(Path.GetTempPath(), $"tanky-{prefix}-{Guid.NewGuid():N}"[..40]);
        Db = new Database(DataDir);
        Db.Migrate();
        FleetPath = Path.Combine(DataDir, "fleet.json");
    }

    public string DataDir { get; }

    public Database Db { get; }

    public string FleetPath { get; }

    /// <summary>An API token of the run's user.</summary>
    public string Token { get; protected set; } = "";

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(DataDir, recursive: true);
    }
}
