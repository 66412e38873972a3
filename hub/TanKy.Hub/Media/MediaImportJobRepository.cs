using Dapper;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Media;

/// <summary>The <c>media_import_jobs</c> table: one row per background import, written at each step.</summary>
internal sealed class MediaImportJobRepository(Database db)
{
    private const string Select = "SELECT " + MediaImportJobRow.Columns + " FROM media_import_jobs";

    public void Save(MediaImportJob job, DateTimeOffset now)
    {
        using var c = db.Open();
        c.Execute(MediaImportJobRow.Upsert, MediaImportJobRow.From(job, now));
    }

    public MediaImportJobRow? Get(string id)
    {
        using var c = db.Open();
        return c.QuerySingleOrDefault<MediaImportJobRow>(Select + " WHERE id = @id", new { id });
    }

    /// <summary>Newest first: one uploader's (or everyone's, when <paramref name="uploadedBy"/> is null) still going or finished since <paramref name="finishedSince"/>.</summary>
    public IReadOnlyList<MediaImportJobRow> List(string? uploadedBy, DateTimeOffset finishedSince, int limit)
    {
        using var c = db.Open();
        var by = uploadedBy is null ? "" : "uploaded_by = @uploadedBy AND ";
        return c.Query<MediaImportJobRow>(
            Select + " WHERE " + by + "(finished_at IS NULL OR finished_at >= @since) ORDER BY created_at DESC, id LIMIT @limit",
            new { uploadedBy, since = finishedSince.ToUnixTimeMilliseconds(), limit }).ToList();
    }

    /// <summary>Jobs a stop or a crash left queued or running.</summary>
    public IReadOnlyList<MediaImportJobRow> Unfinished()
    {
        using var c = db.Open();
        return c.Query<MediaImportJobRow>(Select + " WHERE state IN ('queued', 'running') ORDER BY created_at, id").ToList();
    }

    /// <summary>Deletes finished jobs older than <paramref name="finishedBefore"/>; returns how many.</summary>
    public int Prune(DateTimeOffset finishedBefore)
    {
        using var c = db.Open();
        return c.Execute("DELETE FROM media_import_jobs WHERE finished_at IS NOT NULL AND finished_at < @before", new { before = finishedBefore.ToUnixTimeMilliseconds() });
    }
}
