using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TanKy.Hub.Schedules;

/// <summary>
/// Reloads the programme when a schedule file changes. Editors save in bursts (temp file,
/// rename, touch), so events restart a quiet-period timer and one reload follows the burst.
/// </summary>
internal sealed class ScheduleFolderWatcher(ProgrammeStore store, IOptions<ScheduleOptions> options, TimeProvider time, ILogger<ScheduleFolderWatcher> log) : IHostedService, IDisposable
{
    private readonly Lock _gate = new();
    private FileSystemWatcher? _watcher;
    private ITimer? _debounce;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var dir = options.Value.FullDirectory;
        if (!Directory.Exists(dir))
        {
            log.LogWarning("Schedule folder {Directory} does not exist; no programme will be loaded until it does and the hub restarts", dir);
            return Task.CompletedTask;
        }

        _watcher = new FileSystemWatcher(dir) { IncludeSubdirectories = false, NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size };
        _watcher.Changed += OnEvent;
        _watcher.Created += OnEvent;
        _watcher.Deleted += OnEvent;
        _watcher.Renamed += OnEvent;
        _watcher.EnableRaisingEvents = true;
        log.LogInformation("Watching {Directory} for schedule changes", dir);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _watcher = null;
        lock (_gate)
        {
            _debounce?.Dispose();
            _debounce = null;
        }
    }

    private void OnEvent(object sender, FileSystemEventArgs e)
    {
        lock (_gate)
        {
            _debounce ??= time.CreateTimer(_ => Reload(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _debounce.Change(options.Value.Debounce, Timeout.InfiniteTimeSpan);
        }
    }

    private void Reload()
    {
        try
        {
            store.Reload();
        }
        catch (Exception ex)
        {
            log.LogError(ex, "Reloading the schedule folder failed; keeping the current programme");
        }
    }
}
