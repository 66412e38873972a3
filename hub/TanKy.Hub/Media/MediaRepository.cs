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

    /// <summary>Newest first; one kind, or every clip when <paramref name="kind"/> is null.</summary>
    public IReadOnlyList<MediaItem> List(MediaKind? kind = null)
    {
        using var c = db.Open();
        var where = kind is { } k ? " WHERE kind = @kind" : "";
        return c.Query<MediaRow>(MediaRow.Select + where + " ORDER BY uploaded_at DESC, id", new { kind = kind is { } k2 ? MediaRow.ToKind(k2) : null })
            .Select(r => r.ToItem()).ToList();
    }

    /// <summary>Renames a clip (the demo gives its stand-ins their real titles); false for an unknown id.</summary>
    public bool Retitle(string id, string title)
    {
        using var c = db.Open();
        return c.Execute("UPDATE media SET title = @title WHERE id = @id", new { id, title }) > 0;
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
