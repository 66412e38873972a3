using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Emergency.Cap;

/// <summary>
/// Polls <c>Alerts:Cap:WatchDirectory</c> for <c>*.xml</c> alerts (e.g. synced from the provincial
/// system). Each file ends in <c>processed/</c>, or in <c>failed/</c> with a <c>.error.txt</c>
/// beside it. Polling rather than inotify: it also works on network shares and after a restart.
/// A file must be signed by its registered sender, unless the folder is bound to one sender
/// (<c>Alerts:Cap:FolderSender</c>), whose unsigned files are then accepted.
/// </summary>
internal sealed class CapFolderWatcher(CapIntakeService intake, IOptions<CapOptions> options, TimeProvider time, ILogger<CapFolderWatcher> log) : BackgroundService
{
    private readonly CapOptions _o = options.Value;

    public const string ProcessedFolder = "processed";
    public const string FailedFolder = "failed";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(_o.WatchDirectory))
        {
            return;
        }

        log.LogInformation("Watching {Directory} for CAP alerts every {Interval}", _o.WatchDirectory, _o.ScanInterval);
        using var timer = new PeriodicTimer(_o.ScanInterval, time);
        do
        {
            try
            {
                await ScanOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                log.LogError(ex, "Cannot scan the CAP folder {Directory}", _o.WatchDirectory);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Processes every waiting file, oldest first. Returns how many files were handled.</summary>
    public async Task<int> ScanOnceAsync(CancellationToken ct)
    {
        var dir = _o.WatchDirectory;
        if (string.IsNullOrWhiteSpace(dir) || !Directory.Exists(dir))
        {
            return 0;
        }

        var files = new DirectoryInfo(dir).EnumerateFiles("*.xml", SearchOption.TopDirectoryOnly)
            .OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal).ToList();
        foreach (var file in files)
        {
            await ProcessAsync(file, ct);
        }

        return files.Count;
    }

    private async Task ProcessAsync(FileInfo file, CancellationToken ct)
    {
        string? error;
        if (file.Length > _o.MaxBytes)
        {
            error = $"alert: the file is larger than {_o.MaxBytes} bytes";
        }
        else
        {
            var bytes = await File.ReadAllBytesAsync(file.FullName, ct);
            var result = await intake.SubmitAsync(bytes, new CapSubmission("folder", "cap-folder", file.FullName, BoundSender: _o.FolderSender), ct);
            error = result.Malformed ? string.Join(Environment.NewLine, result.Errors) : result.Refusal ?? (result.Failure is null ? null : HubText.Default.Render(result.Failure, "en"));
        }

        var target = Path.Combine(file.DirectoryName!, error is null ? ProcessedFolder : FailedFolder);
        Directory.CreateDirectory(target);

        // A time prefix keeps a resent file with the same name from overwriting the earlier one.
        var stamp = time.GetUtcNow().ToString("yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture);
        var destination = Path.Combine(target, $"{stamp}-{file.Name}");
        File.Move(file.FullName, destination, overwrite: true);
        if (error is not null)
        {
            await File.WriteAllTextAsync(destination + ".error.txt", error + Environment.NewLine, ct);
            log.LogWarning("CAP file {File} failed: {Error}", file.Name, error);
        }
    }
}
