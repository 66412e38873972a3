using Microsoft.Extensions.Hosting;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Storage.Backup;

/// <summary>Holds <see cref="DataDirLock"/> while the hub runs; a second hub on the same data directory refuses to start.</summary>
internal sealed class DataDirLockService(Database db) : IHostedService, IDisposable
{
    private DataDirLock? _lock;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _lock = DataDirLock.TryAcquire(db.DataDir)
            ?? throw new InvalidOperationException($"another hub (or a restore) is using the data directory {db.DataDir} ({DataDirLock.FileName} is locked)");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _lock?.Dispose();
        _lock = null;
    }
}
