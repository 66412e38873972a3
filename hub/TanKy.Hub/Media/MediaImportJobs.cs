using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace TanKy.Hub.Media;

/// <summary>
/// Large uploads are imported in the background (issue #14): the request only copies the file
/// into staging and answers 202 with a job the console and API poll
/// (<c>GET /api/v1/media/imports/{id}</c>). Jobs run in the normal import lane, so they never
/// hold up emergency content. Jobs live in memory (the last <see cref="Retained"/>); a restart
/// forgets them, and the start-up clean-up removes their staged files.
/// </summary>
public sealed class MediaImportJobs(MediaLibrary library, TimeProvider time, ILogger<MediaImportJobs> log) : IDisposable
{
    internal const int Retained = 200;

    private readonly ConcurrentDictionary<string, MediaImportJob> _jobs = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>How long a finished job still shows on its uploader's media page.</summary>
    internal static readonly TimeSpan RecentlyFinished = TimeSpan.FromMinutes(30);

    public MediaImportJob? Get(string id) => _jobs.GetValueOrDefault(id);

    /// <summary>
    /// One uploader's jobs that are still going or finished lately, newest first: an officer who left
    /// the media page while a file was processing finds it there on coming back, with its outcome.
    /// </summary>
    public IReadOnlyList<MediaImportJob> Recent(string uploadedBy)
    {
        var by = MediaText.Uploader(uploadedBy);
        var since = time.GetUtcNow() - RecentlyFinished;
        return _jobs.Values
            .Where(j => j.UploadedBy == by && (!j.Finished || j.FinishedAt >= since))
            .OrderByDescending(j => j.CreatedAt)
            .ToList();
    }

    /// <summary>
    /// Copies <paramref name="content"/> into staging (bounded by <see cref="MediaOptions.MaxUploadBytes"/>)
    /// and starts its import. A bad title or an over-long file is refused at once (no job).
    /// </summary>
    public async Task<(MediaImportJob? Job, MediaRejection? Rejection)> StartAsync(Stream content, string fileName, string title, string uploadedBy, CancellationToken ct)
    {
        var (cleanTitle, titleRejection) = MediaText.Title(title);
        if (cleanTitle is null)
        {
            return (null, titleRejection);
        }

        var staging = library.NewStagingDirectory();
        UploadedFile? upload;
        try
        {
            upload = await UploadedFile.CopyAsync(content, Path.Combine(staging, "job-upload.bin"), library.Options.MaxUploadBytes, ct);
        }
        catch
        {
            library.DeleteStagingQuietly(staging);
            throw;
        }

        if (upload is null)
        {
            library.DeleteStagingQuietly(staging);
            return (null, MediaRejection.TooLarge(library.Options.MaxUploadBytes));
        }

        var job = new MediaImportJob("imp_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), MediaImportState.Queued, MediaText.OriginalName(fileName), cleanTitle, MediaText.Uploader(uploadedBy), upload.Size, time.GetUtcNow());
        _jobs[job.Id] = job;
        Evict();
        log.LogInformation("Upload {FileName} ({Bytes} bytes) by {By} queued for background import as {Job}", job.FileName, job.SizeBytes, job.UploadedBy, job.Id);
        _ = Task.Run(() => RunAsync(job, staging, upload.Path), CancellationToken.None);
        return (job, null);
    }

    private async Task RunAsync(MediaImportJob job, string staging, string path)
    {
        try
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
            var result = await library.ImportAsync(file, job.FileName, job.Title, job.UploadedBy, ImportLane.Normal, () => Update(job.Id, j => j with { State = MediaImportState.Running, StartedAt = time.GetUtcNow() }), _stopping.Token);
            Update(job.Id, j => j with { State = result.Succeeded ? MediaImportState.Done : MediaImportState.Refused, FinishedAt = time.GetUtcNow(), Result = result });
        }
        catch (OperationCanceledException)
        {
            Update(job.Id, j => j with { State = MediaImportState.Failed, FinishedAt = time.GetUtcNow(), Error = "hub stopping" });
        }
        catch (Exception ex)
        {
            log.LogError(ex, "Background import {Job} of {FileName} failed", job.Id, job.FileName);
            Update(job.Id, j => j with { State = MediaImportState.Failed, FinishedAt = time.GetUtcNow(), Error = ex.GetType().Name });
        }
        finally
        {
            library.DeleteStagingQuietly(staging);
        }
    }

    private void Update(string id, Func<MediaImportJob, MediaImportJob> change)
    {
        // One writer per job (its own task), so read-modify-write needs no lock.
        if (_jobs.TryGetValue(id, out var job))
        {
            _jobs[id] = change(job);
        }
    }

    /// <summary>Forgets the oldest finished jobs beyond <see cref="Retained"/>; running ones always stay.</summary>
    private void Evict()
    {
        var excess = _jobs.Count - Retained;
        if (excess <= 0)
        {
            return;
        }

        foreach (var old in _jobs.Values.Where(j => j.Finished).OrderBy(j => j.CreatedAt).Take(excess).ToList())
        {
            _jobs.TryRemove(old.Id, out _);
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }
}
