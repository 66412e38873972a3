using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TanKy.Hub.Broadcasts.Archive;

/// <summary>
/// Keeps the archive within its limits: at start it repairs recordings left unfinished by a
/// crash, then once per <see cref="ArchiveOptions.RetentionInterval"/> (daily) deletes the
/// recordings older than <see cref="ArchiveOptions.RetentionDays"/> and, when
/// <see cref="ArchiveOptions.MaxTotalBytes"/> is set, the oldest ones until the archive fits.
/// Files go first, then their rows in one transaction: a crash in between leaves rows whose
/// file is missing, which the next pass removes, never files that nothing indexes.
/// </summary>
internal sealed class ArchiveRetention(
    BroadcastArchive archive,
    TimeProvider time,
    IOptions<ArchiveOptions> options,
    ILogger<ArchiveRetention> logger) : BackgroundService
{
    /// <summary>Raised after each pass of the background loop (lets tests wait without sleeping).</summary>
    internal event Action<RetentionResult>? PassCompleted;

    /// <summary>Repairs rows left in <c>recording</c> by a crash; returns how many.</summary>
    public int RecoverInterrupted() => new ArchiveRecovery(archive, logger).Run();

    /// <summary>One retention pass.</summary>
    public RetentionResult RunOnce()
    {
        var o = options.Value;
        var cutoff = time.GetUtcNow() - TimeSpan.FromDays(o.RetentionDays);
        var rows = archive.Index.FinishedOldestFirst();
        var total = rows.Sum(r => r.SizeBytes ?? 0);
        var deleted = new List<long>();
        long freed = 0;
        var missing = 0;
        foreach (var row in rows)
        {
            // Oldest first: once a row is young enough and the archive fits, so are all later ones.
            var tooOld = row.StartedAt < cutoff;
            var overCap = o.MaxTotalBytes is { } cap && total - freed > cap;
            if (!tooOld && !overCap)
            {
                break;
            }

            var full = archive.GetFullPath(row);
            try
            {
                if (File.Exists(full))
                {
                    File.Delete(full);
                    RemoveEmptyFolders(Path.GetDirectoryName(full)!);
                }
                else
                {
                    missing++;
                    logger.LogWarning("Archive file {Path} of broadcast {BroadcastId} was already missing; removing its index row", row.Path, row.BroadcastId);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Keep the row: it still describes a file that exists. Retry next pass.
                logger.LogError(ex, "Could not delete archive file {Path}; will retry", row.Path);
                continue;
            }

            deleted.Add(row.Id);
            freed += row.SizeBytes ?? 0;
        }

        archive.Index.Delete(deleted);
        if (deleted.Count > 0)
        {
            logger.LogInformation(
                "Archive retention removed {Count} recordings ({Bytes} bytes, {Missing} already missing), older than {Days} days or over the size cap",
                deleted.Count, freed, missing, o.RetentionDays);
        }

        return new RetentionResult(deleted.Count, freed, missing);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The timer starts now, so a day counts from start-up whatever the first pass costs.
        using var timer = new PeriodicTimer(options.Value.RetentionInterval, time);
        await Task.Yield();
        try
        {
            RecoverInterrupted();
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Archive recovery failed; unfinished recordings stay marked as recording");
        }

        try
        {
            do
            {
                try
                {
                    PassCompleted?.Invoke(RunOnce());
                }
                catch (Exception ex)
                {
                    logger.LogError(ex, "Archive retention pass failed; retrying at the next interval");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void RemoveEmptyFolders(string folder)
    {
        var root = Path.GetFullPath(Path.Combine(archive.DataDir, ArchivePaths.Folder));
        while (folder.StartsWith(root, StringComparison.Ordinal) && folder.Length > root.Length
            && !Directory.EnumerateFileSystemEntries(folder).Any())
        {
            Directory.Delete(folder);
            folder = Path.GetDirectoryName(folder)!;
        }
    }
}
