using TanKy.Hub.Storage;

namespace TanKy.Hub.Tests.Broker;

/// <summary>A migrated hub database in a fresh temporary directory, deleted on dispose.</summary>
internal sealed class TempDataDir : IDisposable
{
    public TempDataDir()
    {
        Path = Directory.CreateTempSubdirectory("tanky-broker-").FullName;
        Database = new Database(Path);
        Database.Migrate();
    }

    public string Path { get; }

    public Database Database { get; }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
