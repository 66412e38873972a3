using System.Text.Json;
using Dapper;
using TanKy.Hub.Shared.Data;
using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Broadcasts.Relay.Sources;

/// <summary>
/// Table <c>relay_sources</c>: the registered upstream streams. Read on every lookup (no cache), so
/// a source added or removed with <c>tanky-hub sources</c> counts at once in a running hub.
/// </summary>
public sealed class RelaySourceStore(Database db, TimeProvider time) : IRelaySources
{
    /// <summary>Validates (<see cref="RelaySourceRules"/>) and registers a source; an id already taken is refused.</summary>
    public RelaySource Add(string? id, string? name, IEnumerable<string?>? urls)
    {
        var (checkedId, checkedName, checkedUrls) = RelaySourceRules.Validate(id, name, urls);
        var source = new RelaySource(checkedId, checkedName, checkedUrls, time.GetUtcNow());
        using var c = db.Open();
        var added = c.Execute(
            "INSERT INTO relay_sources(id, name, urls, created_at) VALUES (@id, @name, @urls, @now) ON CONFLICT(id) DO NOTHING",
            new { id = source.Id, name = source.Name, urls = JsonSerializer.Serialize(source.Urls), now = source.CreatedAt.ToUnixTimeMilliseconds() });
        if (added == 0)
        {
            throw new RelaySourceException(new TextMessage("relaysrc.error.exists", source.Id));
        }

        return source with { CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(source.CreatedAt.ToUnixTimeMilliseconds()) };
    }

    public bool Remove(string id)
    {
        using var c = db.Open();
        return c.Execute("DELETE FROM relay_sources WHERE id = @id", new { id }) > 0;
    }

    public RelaySource? Find(string id)
    {
        using var c = db.Open();
        return c.QuerySingleOrDefault<Row>("SELECT id, name, urls, created_at FROM relay_sources WHERE id = @id", new { id })?.ToSource();
    }

    public IReadOnlyList<RelaySource> List()
    {
        using var c = db.Open();
        return c.Query<Row>("SELECT id, name, urls, created_at FROM relay_sources ORDER BY id").Select(r => r.ToSource()).ToList();
    }

    private sealed record Row(string id, string name, string urls, long created_at)
    {
        public RelaySource ToSource() =>
            new(id, name, JsonSerializer.Deserialize<string[]>(urls) ?? [], DateTimeOffset.FromUnixTimeMilliseconds(created_at));
    }
}
