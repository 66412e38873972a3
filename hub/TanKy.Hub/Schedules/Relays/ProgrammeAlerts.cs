using Dapper;
using Microsoft.Extensions.Logging;
using TanKy.Hub.Shared.Data;
using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Schedules.Relays;

/// <summary>One programme alert: a source unreachable ahead of a relay or recording, a failed recording.</summary>
public sealed record ProgrammeAlert(long Id, string Kind, string Subject, string? SourceId, DateTimeOffset OccurrenceAt, string Message, DateTimeOffset OpenedAt)
{
    public const string SourceUnreachable = "source-unreachable";
    public const string RecordingFailed = "recording-failed";

    /// <summary>The message in <paramref name="language"/> ("vi" or "en").</summary>
    public string MessageIn(string language) => HubText.Default.Render(Message, language);
}

/// <summary>
/// The programme's alerts, in their own table (<c>programme_alerts</c>) like the gateway's sensor
/// alerts: raised once per kind, subject and occurrence, logged as a warning, and read by the
/// agenda (a warning beside the airing) and the console.
/// </summary>
public sealed class ProgrammeAlerts
{
    private readonly Database _db;
    private readonly TimeProvider _time;
    private readonly ILogger<ProgrammeAlerts> _log;

    public ProgrammeAlerts(Database db, TimeProvider time, ILogger<ProgrammeAlerts> log)
    {
        _db = db;
        _time = time;
        _log = log;
    }

    /// <summary>Raised after a new alert is stored.</summary>
    public event EventHandler<ProgrammeAlert>? Raised;

    /// <summary>Stores and logs the alert; false when the same alert (kind, subject, occurrence) was already raised.</summary>
    internal bool Raise(string kind, string subject, string? sourceId, DateTimeOffset occurrenceAt, TextMessage message)
    {
        var now = _time.GetUtcNow();
        long id;
        using (var c = _db.Open())
        {
            id = c.QuerySingleOrDefault<long?>(
                """
                INSERT INTO programme_alerts(kind, subject, source_id, occurrence_at, message, opened_at)
                VALUES (@kind, @subject, @sourceId, @at, @message, @now) ON CONFLICT DO NOTHING RETURNING id
                """,
                new { kind, subject, sourceId, at = occurrenceAt.ToUnixTimeMilliseconds(), message = message.Encode(), now = now.ToUnixTimeMilliseconds() }) ?? 0;
        }

        if (id == 0)
        {
            return false;
        }

        _log.LogWarning("Programme alert {Kind} for {Subject} at {At} (source {Source}): {Message}", kind, subject, occurrenceAt, sourceId ?? "-", message.ToString());
        Raised?.Invoke(this, new ProgrammeAlert(id, kind, subject, sourceId, occurrenceAt, message.Encode(), now));
        return true;
    }

    /// <summary>Alerts about occurrences in [from, to), oldest first.</summary>
    public IReadOnlyList<ProgrammeAlert> Between(DateTimeOffset from, DateTimeOffset to)
    {
        using var c = _db.Open();
        return c.Query<(long Id, string Kind, string Subject, string? SourceId, long At, string Message, long OpenedAt)>(
                "SELECT id, kind, subject, source_id, occurrence_at, message, opened_at FROM programme_alerts WHERE occurrence_at >= @from AND occurrence_at < @to ORDER BY occurrence_at, id",
                new { from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds() })
            .Select(r => new ProgrammeAlert(r.Id, r.Kind, r.Subject, r.SourceId, DateTimeOffset.FromUnixTimeMilliseconds(r.At), r.Message, DateTimeOffset.FromUnixTimeMilliseconds(r.OpenedAt)))
            .ToList();
    }
}
