using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TanKy.Protocol;
using TanKy.Hub.Shared.Data;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Broadcasts.Archive;

/// <summary>
/// The broadcast archive: starts recordings (<see cref="BeginAsync"/>) and answers queries on
/// the index. Recordings in progress are tracked so that start-up recovery and retention never
/// touch a file that is still being written.
/// </summary>
internal sealed class BroadcastArchive(
    Database db,
    TimeProvider time,
    IOptions<ArchiveOptions> options,
    ILogger<BroadcastArchive> logger) : IBroadcastArchive
{
    public const int MaxTitleLength = 500;

    private static readonly string[] Classes = ["normal", "priority", "emergency"];

    private static readonly string WriterName =
        "TanKy.Hub " + (typeof(BroadcastArchive).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");

    private readonly ConcurrentDictionary<long, bool> _active = new();

    public string DataDir => db.DataDir;

    internal ArchiveIndex Index { get; } = new(db);

    public async Task<IArchiveRecording> BeginAsync(ArchiveEntry entry, CancellationToken ct = default)
    {
        Validate(entry);
        var startedAt = time.GetUtcNow();
        var relative = ArchivePaths.RelativePath(entry.BroadcastId, startedAt);
        var full = ArchivePaths.FullPath(DataDir, relative);

        // Row first, then file: a crash in between leaves a row recovery can drop, never an
        // orphan file that nothing indexes.
        long id;
        try
        {
            id = Index.InsertRecording(entry, relative, startedAt);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            throw new InvalidOperationException($"broadcast '{entry.BroadcastId}' is already archived at {relative}", ex);
        }

        _active[id] = true;
        FileStream? file = null;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            file = new FileStream(full, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 16384);
            var writer = await OggOpusWriter.CreateAsync(
                file, new OpusHead(1, entry.PreSkip, entry.InputSampleRate), Tags(entry, startedAt),
                (uint)Random.Shared.NextInt64(0, 1L << 32), options.Value.SyncEveryPage, ct);
            logger.LogInformation("Archiving broadcast {BroadcastId} ({Class}) to {Path}", entry.BroadcastId, entry.Class, relative);
            return new ArchiveRecording(this, id, entry.BroadcastId, full, file, writer, logger, time);
        }
        catch
        {
            if (file is not null)
            {
                await file.DisposeAsync();
                File.Delete(full);
            }

            Index.Delete([id]);
            Release(id);
            throw;
        }
    }

    public IReadOnlyList<ArchiveRecord> List(ArchiveQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Index.List(query);
    }

    public ArchiveRecord? Find(string broadcastId) => Index.FindLatest(broadcastId);

    public string GetFullPath(ArchiveRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return ArchivePaths.FullPath(DataDir, record.Path);
    }

    internal bool IsActive(long id) => _active.ContainsKey(id);

    internal void Release(long id) => _active.TryRemove(id, out _);

    private static OpusTags Tags(ArchiveEntry entry, DateTimeOffset startedAt) => new(
        entry.CodecVendor,
        [
            new("TITLE", entry.Title),
            new("CLASS", entry.Class),
            new("ZONES", string.Join(',', entry.Zones)),
            new("OPERATOR", entry.Operator),
            new("BROADCAST_ID", entry.BroadcastId),
            new("DATE", CommuneTime.ToLocal(startedAt).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)),
            new("ENCODER", WriterName),
        ]);

    private static void Validate(ArchiveEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Identifiers.Require(entry.BroadcastId, "broadcast id");
        if (!Classes.Contains(entry.Class))
        {
            throw new ArgumentException($"invalid class '{entry.Class}': use normal, priority or emergency", nameof(entry));
        }

        if (string.IsNullOrWhiteSpace(entry.Title) || entry.Title.Length > MaxTitleLength)
        {
            throw new ArgumentException($"a title of 1–{MaxTitleLength} characters is required", nameof(entry));
        }

        if (string.IsNullOrWhiteSpace(entry.Operator))
        {
            throw new ArgumentException("the operator (who started the broadcast) is required", nameof(entry));
        }

        if (entry.Zones is null || entry.Zones.Count == 0)
        {
            throw new ArgumentException("at least one target zone is required", nameof(entry));
        }

        foreach (var zone in entry.Zones)
        {
            Identifiers.Require(zone, "zone id");
        }

        if (entry.PreSkip is < 0 or > ushort.MaxValue)
        {
            throw new ArgumentException("pre-skip must be 0–65535 samples", nameof(entry));
        }
    }
}
