using Dapper;
using TanKy.Hub.Broadcasts.Archive;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Broadcasts.History;

/// <summary>
/// The broadcasts table joined with its archive recordings, filtered and paged for the history page.
/// Zones are stored comma-separated: an item matches by wrapping both sides in commas, as in
/// <see cref="BroadcastStore"/>.
/// </summary>
public sealed class BroadcastHistory
{
    /// <summary>Archive states whose file is a whole, playable Ogg Opus stream (the SQL below spells the same list).</summary>
    internal static readonly string[] Playable = [ArchiveStatus.Complete, ArchiveStatus.Aborted, ArchiveStatus.Interrupted];

    private readonly Database _db;
    private readonly IBroadcastArchive _archive;

    internal BroadcastHistory(Database db, IBroadcastArchive archive) => (_db, _archive) = (db, archive);

    /// <summary>
    /// The file of a broadcast's playable recording (complete, aborted or interrupted: a whole Ogg
    /// stream), or null when it has none — still recording, failed, or removed by retention.
    /// Callers check the reader's scope on the broadcast first.
    /// </summary>
    public RecordingFile? Recording(string broadcastId)
    {
        var record = _archive.Find(broadcastId);
        if (record is null || !Playable.Contains(record.Status))
        {
            return null;
        }

        var path = _archive.GetFullPath(record);
        return File.Exists(path) ? new RecordingFile(path, record.DurationMs, record.EndedAt) : null;
    }

    public HistoryPage Find(HistoryFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var size = Math.Clamp(filter.PageSize, 1, HistoryFilter.MaxPageSize);
        var page = Math.Max(1, filter.Page);
        var (where, args) = Where(filter);
        args.Add("limit", size);
        args.Add("offset", (long)(page - 1) * size);
        using var c = _db.Open();
        var total = c.ExecuteScalar<int>($"SELECT COUNT(*) FROM broadcasts b {where}", args);
        var rows = c.Query<Row>(
            $"""
            SELECT b.id, b.title, b.class, b.zones, b.operator, b.source, b.requested_at AS RequestedAt, b.started_at AS StartedAt,
                   b.ended_at AS EndedAt, b.status,
                   (SELECT a.duration_ms FROM broadcast_archive a WHERE a.broadcast_id = b.id AND a.status IN ('complete', 'aborted', 'interrupted')
                    ORDER BY a.started_at DESC, a.id DESC LIMIT 1) AS RecordingMs
            FROM broadcasts b {where}
            ORDER BY b.requested_at DESC, b.rowid DESC LIMIT @limit OFFSET @offset
            """,
            args);
        return new HistoryPage(rows.Select(r => r.ToEntry()).ToList(), total, page, size);
    }

    /// <summary>Who started broadcasts the scope can see, for the "who" filter.</summary>
    public IReadOnlyList<string> Operators(IReadOnlyList<string>? scope)
    {
        var (where, args) = Where(new HistoryFilter { Scope = scope });
        using var c = _db.Open();
        return c.Query<string>($"SELECT DISTINCT b.operator FROM broadcasts b {where} ORDER BY b.operator", args).ToList();
    }

    private static (string Where, DynamicParameters Args) Where(HistoryFilter f)
    {
        var args = new DynamicParameters();
        var terms = new List<string>();
        if (f.From is { } from)
        {
            terms.Add("b.requested_at >= @from");
            args.Add("from", from.ToUnixTimeMilliseconds());
        }

        if (f.To is { } to)
        {
            terms.Add("b.requested_at < @to");
            args.Add("to", to.ToUnixTimeMilliseconds());
        }

        AddEqual(terms, args, "class", f.Class);
        AddEqual(terms, args, "operator", f.Operator);
        if (!string.IsNullOrEmpty(f.Zone))
        {
            terms.Add("(',' || b.zones || ',') LIKE @zone");
            args.Add("zone", "%," + f.Zone + ",%");
        }

        if (f.Scope is { } scope)
        {
            var any = scope.Select((z, i) => { args.Add("s" + i, "%," + z + ",%"); return $"(',' || b.zones || ',') LIKE @s{i}"; }).ToList();
            terms.Add(any.Count == 0 ? "0" : "(" + string.Join(" OR ", any) + ")");
        }

        return (terms.Count == 0 ? "" : "WHERE " + string.Join(" AND ", terms), args);
    }

    private static void AddEqual(List<string> terms, DynamicParameters args, string column, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            terms.Add($"b.{column} = @{column}");
            args.Add(column, value);
        }
    }

    private sealed record Row(
        string Id, string Title, string Class, string Zones, string Operator, string Source, long RequestedAt, long? StartedAt,
        long? EndedAt, string Status, long? RecordingMs)
    {
        public HistoryEntry ToEntry() => new(
            Id, Title, Class, Zones.Split(',', StringSplitOptions.RemoveEmptyEntries), Operator, Source, BroadcastStore.Local(RequestedAt),
            StartedAt is { } s ? BroadcastStore.Local(s) : null, EndedAt is { } e ? BroadcastStore.Local(e) : null, Status, RecordingMs);
    }
}
