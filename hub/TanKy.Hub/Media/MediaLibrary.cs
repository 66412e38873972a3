using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Media;

/// <summary>
/// The commune's audio clips: import (validate, normalise, encode), list, read for streaming,
/// delete. Used by the HTTP API and the CLI alike, so both validate through one path.
/// </summary>
public sealed class MediaLibrary
{
    private readonly MediaRepository _repository;
    private readonly MediaStore _store;
    private readonly MediaOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<MediaLibrary> _log;
    private readonly SemaphoreSlim _imports;
    private readonly SemaphoreSlim _emergencyImports;

    public MediaLibrary(Database db, IOptions<MediaOptions> options, TimeProvider time, ILogger<MediaLibrary> log)
    {
        _repository = new MediaRepository(db);
        _store = new MediaStore(db.DataDir);
        _options = options.Value;
        if (_options.Problems() is { Count: > 0 } problems)
        {
            throw new InvalidOperationException(string.Join("; ", problems));
        }

        _time = time;
        _log = log;
        _imports = new SemaphoreSlim(Math.Max(1, _options.MaxConcurrentImports));
        _emergencyImports = new SemaphoreSlim(Math.Max(1, _options.MaxConcurrentEmergencyImports));
    }

    public MediaOptions Options => _options;

    /// <summary>Where a clip's files are (for the archive and diagnostics).</summary>
    public string ItemDirectory(string id) => _store.ItemDirectory(id);

    /// <summary>
    /// Imports one upload. Returns the stored item, the existing item when the same bytes are
    /// already stored (<see cref="MediaImportResult.Duplicate"/>), or a rejection; on rejection
    /// nothing is stored. Decoder failures are rejections, not exceptions.
    /// </summary>
    public Task<MediaImportResult> ImportAsync(Stream content, string fileName, string title, string uploadedBy, CancellationToken ct) =>
        ImportAsync(content, fileName, title, uploadedBy, ImportLane.Normal, ct);

    /// <summary>
    /// As above, waiting for a slot of <paramref name="lane"/> only: emergency content passes
    /// <see cref="ImportLane.Emergency"/> and never waits for a normal upload.
    /// </summary>
    public Task<MediaImportResult> ImportAsync(Stream content, string fileName, string title, string uploadedBy, ImportLane lane, CancellationToken ct) =>
        ImportAsync(content, fileName, title, uploadedBy, lane, null, ct);

    /// <summary><paramref name="started"/> runs once the lane's slot is held (a background job turns "running").</summary>
    internal Task<MediaImportResult> ImportAsync(Stream content, string fileName, string title, string uploadedBy, ImportLane lane, Func<CancellationToken, Task>? started, CancellationToken ct) =>
        ImportAsync(content, fileName, title, uploadedBy, lane, MediaKind.Clip, started, _options, ct);

    /// <summary>
    /// A recording the hub made of a relay source (a WAV file of at most <paramref name="maxDuration"/>),
    /// imported like an upload (loudness, Opus) but past the upload size cap, which is meant for
    /// people's files: the programme bounded its length.
    /// </summary>
    public async Task<MediaImportResult> ImportRecordingAsync(string wavPath, string title, string recordedBy, TimeSpan maxDuration, CancellationToken ct)
    {
        await using var file = File.OpenRead(wavPath);
        var options = _options.ForRecording(file.Length, maxDuration);
        return await ImportAsync(file, Path.GetFileName(wavPath), title, recordedBy, ImportLane.Normal, MediaKind.Clip, null, options, ct);
    }

    /// <summary>
    /// Text-to-speech audio: kept apart from uploads (<see cref="MediaKind.Speech"/>) and titled by
    /// the first words of <paramref name="title"/> and the commune's date of the import, e.g.
    /// "Thông báo họp dân khối 3… – 07/12/2026" (see <see cref="SpeechTitle"/>).
    /// </summary>
    public Task<MediaImportResult> ImportSpeechAsync(Stream wav, string title, string requestedBy, ImportLane lane, CancellationToken ct) =>
        ImportAsync(wav, "speech.wav", SpeechTitle.From(title, _time.GetUtcNow()), requestedBy, lane, MediaKind.Speech, null, _options, ct);

    private async Task<MediaImportResult> ImportAsync(Stream content, string fileName, string title, string uploadedBy, ImportLane lane, MediaKind kind, Func<CancellationToken, Task>? started, MediaOptions options, CancellationToken ct)
    {
        var (cleanTitle, titleRejection) = MediaText.Title(title);
        if (cleanTitle is null)
        {
            return Refused(fileName, titleRejection!);
        }

        var slot = lane == ImportLane.Emergency ? _emergencyImports : _imports;
        await slot.WaitAsync(ct);
        string? staging = null;
        try
        {
            if (started is not null)
            {
                await started(ct);
            }

            var dir = staging = _store.NewStagingDirectory();
            var upload = await UploadedFile.CopyAsync(content, Path.Combine(dir, "upload.bin"), options.MaxUploadBytes, ct);
            if (upload is null)
            {
                return Refused(fileName, MediaRejection.TooLarge(options.MaxUploadBytes));
            }

            if (_repository.GetBySha256(upload.Sha256) is { } existing)
            {
                _log.LogInformation("Upload {FileName} is identical to media {Id}; returning the existing item", fileName, existing.Id);
                return MediaImportResult.Existing(existing);
            }

            var (staged, rejection) = await Task.Run(() => MediaImporter.Process(upload, dir, options, ct), ct);
            if (staged is null)
            {
                return Refused(fileName, rejection!);
            }

            var item = MediaImporter.ToItem(MediaIds.New(), cleanTitle, MediaText.OriginalName(fileName), MediaText.Uploader(uploadedBy), _time.GetUtcNow(), options.OpusBitrate, upload, staged) with { Kind = kind };
            return Commit(dir, item, staged);
        }
        finally
        {
            if (staging is not null)
            {
                _store.DeleteQuietly(staging);
            }

            slot.Release();
        }
    }

    internal string NewStagingDirectory() => _store.NewStagingDirectory();

    internal void DeleteStagingQuietly(string directory) => _store.DeleteQuietly(directory);

    /// <summary>Where background jobs spool their uploads (<c>media/.jobs</c>).</summary>
    internal string JobSpool => _store.Jobs;

    /// <summary>
    /// The library's clips, newest first: what pickers offer and the media page lists. Text-to-speech
    /// announcements are left out (<see cref="List(MediaKind)"/> with <see cref="MediaKind.Speech"/> has them).
    /// </summary>
    public IReadOnlyList<MediaItem> List() => _repository.List(MediaKind.Clip);

    /// <summary>Clips of one kind, newest first.</summary>
    public IReadOnlyList<MediaItem> List(MediaKind kind) => _repository.List(kind);

    /// <summary>Every stored clip of every kind (references from programme files may name any of them).</summary>
    public IReadOnlyList<MediaItem> ListAll() => _repository.List();

    public MediaItem? Get(string id) => MediaIds.IsValid(id) ? _repository.Get(id) : null;

    /// <summary>
    /// The clip's Opus packets, or null for an unknown id. A stored file that does not read back
    /// is an <see cref="InvalidDataException"/>: the caller must not play a wrong clip.
    /// </summary>
    public EncodedClip? OpenStream(string id)
    {
        if (Get(id) is null)
        {
            return null;
        }

        using var file = File.OpenRead(_store.StreamPath(id));
        try
        {
            return OpusPacketFile.Read(file);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException($"media {id}: {MediaStore.StreamFileName} is truncated", ex);
        }
    }

    /// <summary>Removes the row first (the commit point), then the files.</summary>
    public bool Delete(string id)
    {
        if (!MediaIds.IsValid(id) || !_repository.Delete(id))
        {
            return false;
        }

        _store.DeleteQuietly(_store.ItemDirectory(id));
        _log.LogInformation("Deleted media {Id}", id);
        return true;
    }

    /// <summary>Removes files left without a row by a crash (run at start-up).</summary>
    public int CleanUp()
    {
        var removed = _store.CleanUp(_repository.Ids(), _time.GetUtcNow());
        if (removed > 0)
        {
            _log.LogWarning("Removed {Count} incomplete media directories left by an interrupted import or delete", removed);
        }

        return removed;
    }

    private MediaImportResult Commit(string staging, MediaItem item, MediaImporter.Staged staged)
    {
        _store.Commit(staging, item.Id);
        if (!_repository.TryInsert(item))
        {
            // Lost a race with an identical upload that committed first: keep theirs.
            _store.DeleteQuietly(_store.ItemDirectory(item.Id));
            var winner = _repository.GetBySha256(item.Sha256) ?? throw new InvalidOperationException($"media insert for {item.Id} failed");
            return MediaImportResult.Existing(winner);
        }

        if (_options.UseNativeOpus && !staged.Encoded.Native)
        {
            _log.LogWarning("Media:UseNativeOpus is set but libopus could not be loaded; {Id} was encoded with managed Concentus", item.Id);
        }

        var speed = staged.Elapsed.TotalSeconds > 0 ? item.DurationMs / 1000.0 / staged.Elapsed.TotalSeconds : 0;
        _log.LogInformation(
            "Imported media {Id} \"{Title}\" ({Format}, {DurationMs} ms) by {By}: {Before:0.0} LUFS, gain {Gain:+0.0;-0.0} dB, after {After:0.0} LUFS (Opus {Stream:0.0}), limited {Limited} samples, {Frames} Opus frames, {Speed:0}x real time",
            item.Id, item.Title, item.OriginalFormat, item.DurationMs, item.UploadedBy, item.LoudnessLufsBefore, item.GainDb, item.LoudnessLufsAfter, item.LoudnessLufsStream, staged.Encoded.LimitedSamples, item.Frames, speed);
        return MediaImportResult.Stored(item);
    }

    private MediaImportResult Refused(string fileName, MediaRejection rejection)
    {
        _log.LogInformation("Refused upload {FileName}: {Code} ({Detail})", fileName, rejection.Code, rejection.Detail);
        return MediaImportResult.Refused(rejection);
    }
}
