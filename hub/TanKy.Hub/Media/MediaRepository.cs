using Dapper;
using Microsoft.Data.Sqlite;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Media;

/// <summary>The <c>media</c> table.</summary>
internal sealed class MediaRepository(Database db)
{
    private const int SqliteConstraint = 19;

    /// <summary>Inserts the row; false when the same content (sha256) is already stored.</summary>
    public bool TryInsert(MediaItem item)
    {
        using var c = db.Open();
        try
        {
            c.Execute(MediaRow.Insert, MediaRow.From(item));
            return true;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteConstraint)
        {
            return false;
        }
    }

    public MediaItem? Get(string id)
    {
        using var c = db.Open();
        return c.QuerySingleOrDefault<MediaRow>(MediaRow.Select + " WHERE id = @id", new { id })?.ToItem();
    }

    public MediaItem? GetBySha256(string sha256)
    {
        using var c = db.Open();
        return c.QuerySingleOrDefault<MediaRow>(MediaRow.Select + " WHERE sha256 = @sha256", new { sha256 })?.ToItem();
    }

    public IReadOnlyList<MediaItem> List()
    {
        using var c = db.Open();
        return c.Query<MediaRow>(MediaRow.Select + " ORDER BY uploaded_at DESC, id").Select(r => r.ToItem()).ToList();
    }

    public IReadOnlySet<string> Ids()
    {
        using var c = db.Open();
        return c.Query<string>("SELECT id FROM media").ToHashSet(StringComparer.Ordinal);
    }

    public bool Delete(string id)
    {
        using var c = db.Open();
        return c.Execute("DELETE FROM media WHERE id = @id", new { id }) > 0;
    }
}
