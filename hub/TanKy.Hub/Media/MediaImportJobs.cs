using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Media;

/// <summary>
/// Large uploads are imported in the background (issue #14): the request only spools the file
/// (<c>media/.jobs/{id}.upload</c>) and answers 202 with a job the console and API poll
/// (<c>GET /api/v1/media/imports/{id}</c>). Jobs run in the normal import lane, so they never
/// hold up emergency content. Every step is written to <c>media_import_jobs</c> (issue #17): a job
/// a stop or crash interrupted is taken up again at the next start from its spooled upload, or
/// marked failed ("hub restarted") when the upload is gone, so no clip is lost without a word.
/// Finished jobs are kept for <see cref="Retention"/>.
/// </summary>
public sealed class MediaImportJobs : IDisposable
{
    /// <summary>How long a finished job stays readable through the API.</summary>
    internal static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    /// <summary>How long a finished job still shows on its uploader's media page.</summary>
    internal static readonly TimeSpan RecentlyFinished = TimeSpan.FromMinutes(30);

    /// <summary>What the officer reads for a job whose upload did not survive a restart.</summary>
    internal const string RestartedKey = "api2.media.restarted";

    private const int ListLimit = 200;
    private const string SpoolSuffix = ".upload";

    private readonly MediaLibrary _library;
    private readonly MediaImportJobRepository _repository;
    private readonly TimeProvider _time;
    private readonly ILogger<MediaImportJobs> _log;
    private readonly MediaImportCheckpoint? _checkpoint;
    private readonly ConcurrentDictionary<string, Task> _running = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    public MediaImportJobs(MediaLibrary library, Database db, TimeProvider time, ILogger<MediaImportJobs> log, MediaImportCheckpoint? checkpoint = null)
    {
        _library = library;
        _repository = new MediaImportJobRepository(db);
        _time = time;
        _log = log;
        _checkpoint = checkpoint;
    }

    public MediaImportJob? Get(string id) => _repository.Get(id)?.ToJob(_library.Get);

    /// <summary>
    /// One uploader's jobs that are still going or finished lately, newest first: an officer who left
    /// the media page while a file was processing finds it there on coming back, with its outcome.
    /// </summary>
    public IReadOnlyList<MediaImportJob> Recent(string uploadedBy) =>
        List(MediaText.Uploader(uploadedBy), RecentlyFinished);

    /// <summary>Jobs kept (<see cref="Retention"/>), newest first: one uploader's, or everyone's when <paramref name="uploadedBy"/> is null.</summary>
    public IReadOnlyList<MediaImportJob> Kept(string? uploadedBy) =>
        List(uploadedBy is null ? null : MediaText.Uploader(uploadedBy), Retention);

    private List<MediaImportJob> List(string? uploadedBy, TimeSpan finishedWithin) =>
        _repository.List(uploadedBy, _time.GetUtcNow() - finishedWithin, ListLimit).Select(r => r.ToJob(_library.Get)).ToList();

    /// <summary>
    /// Spools <paramref name="content"/> (bounded by <see cref="MediaOptions.MaxUploadBytes"/>)
    /// and starts its import. A bad title or an over-long file is refused at once (no job).
    /// </summary>
    public async Task<(MediaImportJob? Job, MediaRejection? Rejection)> StartAsync(Stream content, string fileName, string title, string uploadedBy, CancellationToken ct)
    {
        var (cleanTitle, titleRejection) = MediaText.Title(title);
        if (cleanTitle is null)
        {
            return (null, titleRejection);
        }

        var id = "imp_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        Directory.CreateDirectory(_library.JobSpool);
        var spool = SpoolPath(id);
        UploadedFile? upload;
        try
        {
            upload = await UploadedFile.CopyAsync(content, spool, _library.Options.MaxUploadBytes, ct);
        }
        catch
        {
            DeleteSpool(id);
            throw;
        }

        if (upload is null)
        {
            DeleteSpool(id);
            return (null, MediaRejection.TooLarge(_library.Options.MaxUploadBytes));
        }

        // The row after the complete spool: a queued row always has all its bytes on disk.
        var job = new MediaImportJob(id, MediaImportState.Queued, MediaText.OriginalName(fileName), cleanTitle, MediaText.Uploader(uploadedBy), upload.Size, _time.GetUtcNow());
        Save(job);
        Prune();
        _log.LogInformation("Upload {FileName} ({Bytes} bytes) by {By} queued for background import as {Job}", job.FileName, job.SizeBytes, job.UploadedBy, job.Id);
        Run(job);
        return (job, null);
    }

    /// <summary>
    /// At start: takes up the jobs a stop or crash left queued or running (again from the start of
    /// their spooled upload), fails those whose upload is gone, removes spooled files no job owns,
    /// and prunes old jobs.
    /// </summary>
    public void Recover()
    {
        var resumed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var job in _repository.Unfinished().Select(r => r.ToJob(_library.Get)))
        {
            if (File.Exists(SpoolPath(job.Id)))
            {
                var again = job with { State = MediaImportState.Queued, StartedAt = null };
                Save(again);
                resumed.Add(job.Id);
                _log.LogWarning("Background import {Job} of {FileName} was interrupted by a restart; importing it again from its spooled upload", job.Id, job.FileName);
                Run(again);
            }
            else
            {
                Save(job with { State = MediaImportState.Failed, FinishedAt = _time.GetUtcNow(), Error = "hub restarted during the import; the spooled upload is gone", FailureKey = RestartedKey });
                _log.LogWarning("Background import {Job} of {FileName} by {By} was interrupted by a restart and its upload is gone; marked failed", job.Id, job.FileName, job.UploadedBy);
            }
        }

        IEnumerable<string> spooled = Directory.Exists(_library.JobSpool) ? Directory.EnumerateFiles(_library.JobSpool) : [];
        foreach (var orphan in spooled.Where(f => !resumed.Contains(Path.GetFileNameWithoutExtension(f))).ToList())
        {
            // A spool whose row was never written (a crash between the two) or whose job ended.
            TryDelete(orphan);
        }

        Prune();
    }

    /// <summary>Forgets finished jobs older than <see cref="Retention"/>; unfinished ones always stay.</summary>
    public int Prune()
    {
        var removed = _repository.Prune(_time.GetUtcNow() - Retention);
        if (removed > 0)
        {
            _log.LogInformation("Pruned {Count} background import jobs finished more than {Days} days ago", removed, Retention.TotalDays);
        }

        return removed;
    }

    /// <summary>
    /// At stop: cancels the running imports and waits for them to let go, leaving their rows queued or
    /// running and their spooled uploads in place for <see cref="Recover"/>.
    /// </summary>
    public async Task StopAsync(CancellationToken ct)
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(_running.Values).WaitAsync(ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private void Run(MediaImportJob job)
    {
        // Registered before it can finish, so StopAsync waits for it.
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _running[job.Id] = Task.Run(async () =>
        {
            await start.Task;
            await RunAsync(job);
        }, CancellationToken.None);
        start.SetResult();
    }

    private async Task RunAsync(MediaImportJob job)
    {
        var ended = true;
        try
        {
            await using var file = new FileStream(SpoolPath(job.Id), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
            var result = await _library.ImportAsync(file, job.FileName, job.Title, job.UploadedBy, ImportLane.Normal, RunningAsync, _stopping.Token);
            Save(job with { State = result.Succeeded ? MediaImportState.Done : MediaImportState.Refused, FinishedAt = _time.GetUtcNow(), Result = result });
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            ended = false;
            _log.LogInformation("Background import {Job} of {FileName} stopped with the hub; it resumes at the next start", job.Id, job.FileName);
        }
        catch (Exception ex)
        {
            _log.LogError(ex, "Background import {Job} of {FileName} failed", job.Id, job.FileName);
            Save(job with { State = MediaImportState.Failed, FinishedAt = _time.GetUtcNow(), Error = ex.GetType().Name });
        }
        finally
        {
            if (ended)
            {
                DeleteSpool(job.Id);
            }

            _running.TryRemove(job.Id, out _);
        }

        async Task RunningAsync(CancellationToken ct)
        {
            job = job with { State = MediaImportState.Running, StartedAt = _time.GetUtcNow() };
            Save(job);
            if (_checkpoint is not null)
            {
                await _checkpoint.RunningAsync(job.Id, ct);
            }
        }
    }

    private void Save(MediaImportJob job) => _repository.Save(job, _time.GetUtcNow());

    private string SpoolPath(string id) => Path.Combine(_library.JobSpool, id + SpoolSuffix);

    private void DeleteSpool(string id) => TryDelete(SpoolPath(id));

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left for the next start's Recover.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }
}
